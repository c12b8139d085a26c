import Foundation

/// The lines of a map file without their "\n" (a CRLF file's lines keep their "\r"). The file is held once,
/// as read: each line is a range of its bytes, and lines written by edits are kept as bytes of their own.
/// A line becomes a String only when asked for.
public struct MapLines: RandomAccessCollection, Equatable, Sendable {
    /// Where a line's bytes are: in the file, or (a negative `start`, at `~start`) in `written`. 32 bits each:
    /// a large map has a million lines, and a file over 2 GB is refused.
    struct Span: Equatable, Sendable {
        var start: Int32
        var count: Int32

        init(start: Int, count: Int) {
            self.start = Int32(start)
            self.count = Int32(count)
        }
    }

    private let file: Data
    private var written: [UInt8] = []
    private var spans: [Span]

    init(file: Data, spans: [Span]) {
        self.file = file
        self.spans = spans
    }

    public init(_ lines: some Sequence<String>) {
        file = Data()
        spans = []
        append(contentsOf: lines)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { spans.count }

    public subscript(index: Int) -> String {
        withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    public static func == (a: MapLines, b: MapLines) -> Bool {
        a.count == b.count && a.withReader { x in b.withReader { y in a.indices.allSatisfy { x[$0].elementsEqual(y[$0]) } } }
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
                    body(Reader(file: file.bindMemory(to: UInt8.self), fileData: self.file, written: written, spans: spans))
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
            let span = spans[index], start = Int(span.start), count = Int(span.count)
            return start >= 0
                ? UnsafeBufferPointer(rebasing: file[start..<(start + count)])
                : UnsafeBufferPointer(rebasing: written[(~start)..<(~start + count)])
        }
    }

    /// The lines holding a byte `Escaping.isPlain` rejects. The file's bytes are scanned in long runs, so a
    /// plain line costs a comparison, not a pass of its own; lines written by edits are looked at one by one.
    func indicesOfLinesNotPlain() -> [Int] {
        withReader { reader in
            var found: [Int] = []
            var suspect = -1  // the file position of the next byte that is not plain (nor "\n"), once known
            for index in indices {
                let span = spans[index], start = Int(span.start), end = start + Int(span.count)
                guard start >= 0 else {
                    if !Escaping.isPlain(reader[index]) { found.append(index) }
                    continue
                }
                if suspect < start { suspect = Escaping.firstNotPlain(reader.file, from: start, newlineIsPlain: true) ?? reader.file.count }
                if suspect < end { found.append(index) }
            }
            return found
        }
    }

    /// The bytes of all the lines, without their "\n".
    var byteCount: Int { spans.reduce(0) { $0 + Int($1.count) } }

    mutating func replaceSubrange(_ range: Range<Int>, with lines: [String]) {
        spans.replaceSubrange(range, with: lines.map { keep($0) })
    }

    mutating func append(contentsOf lines: some Sequence<String>) {
        for line in lines { spans.append(keep(line)) }
    }

    /// Keeps `line`'s bytes with the written ones.
    private mutating func keep(_ line: String) -> Span {
        let span = Span(start: ~written.count, count: line.utf8.count)
        written.append(contentsOf: line.utf8)
        return span
    }
}
