import Foundation

/// The lines of a map file without their "\n" (a CRLF file's lines keep their "\r"). The file is held once,
/// as read: each line is a range of its bytes, and lines written by edits are kept as bytes of their own.
/// A line becomes a String only when asked for.
package struct MapLines: RandomAccessCollection, Equatable, Sendable {
    /// Where a line's bytes are: in the file, or (a negative `start`, at `~start`) in `written`; and whether it
    /// holds a control character (`Escaping.hasControl`), noted while the bytes are at hand so that `check`
    /// need not read the file again for them. 32 bits each: a large map has a million lines, and a file over
    /// 2 GB is refused.
    struct Span: Equatable, Sendable {
        var start: Int32
        /// The byte count, and the top bit for `holdsControl`.
        private var bits: UInt32

        init(start: Int, count: Int, holdsControl: Bool) {
            self.start = Int32(start)
            bits = UInt32(count) | (holdsControl ? 1 << 31 : 0)
        }

        var count: Int { Int(bits & 0x7FFF_FFFF) }
        var holdsControl: Bool { bits >> 31 != 0 }
    }

    private let file: Data
    private var written: [UInt8] = []
    private var spans: [Span]

    init(file: Data, spans: [Span]) {
        self.file = file
        self.spans = spans
    }

    package init(_ lines: some Sequence<String>) {
        file = Data()
        spans = []
        append(contentsOf: lines)
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { spans.count }

    package subscript(index: Int) -> String {
        withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    package static func == (a: MapLines, b: MapLines) -> Bool {
        a.count == b.count
            && a.withReader { x in b.withReader { y in a.indices.allSatisfy { x[$0].elementsEqual(y[$0]) } } }
    }

    /// Runs `body` on line `index`'s bytes.
    func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withReader { body($0[index]) }
    }

    /// Runs `body` with every line's bytes at hand (the storage is reached once, not once per line).
    func withReader<R>(_ body: (Reader) -> R) -> R {
        file.withUnsafeBytes { file in
            written.withUnsafeBufferPointer { written in
                spans.withUnsafeBufferPointer { spans in
                    body(
                        Reader(
                            file: file.bindMemory(to: UInt8.self), fileData: self.file, written: written, spans: spans))
                }
            }
        }
    }

    struct Reader {
        let file: UnsafeBufferPointer<UInt8>
        /// What `file` points into, for texts kept as places in it (`MapText`).
        let fileData: Data
        let written: UnsafeBufferPointer<UInt8>
        let spans: UnsafeBufferPointer<Span>

        subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            let span = spans[index], start = Int(span.start), count = span.count
            return start >= 0
                ? UnsafeBufferPointer(rebasing: file[start..<(start + count)])
                : UnsafeBufferPointer(rebasing: written[(~start)..<(~start + count)])
        }
    }

    /// The lines holding a control character (`Escaping.hasControl`).
    func indicesOfLinesHoldingControls() -> [Int] { indices.filter { spans[$0].holdsControl } }

    /// The bytes of all the lines, without their "\n".
    var byteCount: Int { spans.reduce(0) { $0 + $1.count } }

    mutating func replaceSubrange(_ range: Range<Int>, with lines: [String]) {
        spans.replaceSubrange(range, with: lines.map { keep($0) })
    }

    mutating func append(contentsOf lines: some Sequence<String>) {
        for line in lines { spans.append(keep(line)) }
    }

    /// Keeps `line`'s bytes with the written ones.
    private mutating func keep(_ line: String) -> Span {
        var line = line
        return line.withUTF8 { bytes in
            defer { written.append(contentsOf: bytes) }
            return Span(start: ~written.count, count: bytes.count, holdsControl: Escaping.hasControl(bytes))
        }
    }
}
