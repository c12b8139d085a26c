import Foundation

extension Parser {
    struct Loaded {
        var lines: MapLines
        var hasFinalNewline: Bool
        var hasByteOrderMark: Bool
        var graph: MapGraph
    }

    /// The file's lines and the graph read from them; nil when `validate` is set and the bytes are not UTF-8.
    /// Lines are split at every "\n", without the empty piece after a final newline (an empty file counts as
    /// ending with one); a UTF-8 byte-order mark (some Windows editors write one) is left out of the first line.
    /// The lines are ranges of `data`, which is kept as read.
    static func load(_ data: Data, validate: Bool) -> Loaded? {
        let split = data.withUnsafeBytes { raw -> (spans: [MapLines.Span], hasByteOrderMark: Bool)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            if validate && !UTF8Check.isValid(bytes) { return nil }
            let hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
            return (lineSpans(bytes, from: hasByteOrderMark ? 3 : 0), hasByteOrderMark)
        }
        guard let split else { return nil }
        let lines = MapLines(file: data, spans: split.spans)
        return Loaded(lines: lines, hasFinalNewline: data.last ?? 0x0A == 0x0A, hasByteOrderMark: split.hasByteOrderMark,
                      graph: parse(lines))
    }

    /// Where each line is: counted first, so the list is allocated once at its size.
    private static func lineSpans(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [MapLines.Span] {
        guard let base = bytes.baseAddress else { return [] }
        func nextNewline(_ from: Int) -> Int? {
            guard from < bytes.count, let found = memchr(base + from, 0x0A, bytes.count - from) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        var newlines = 0, position = start
        while let newline = nextNewline(position) { newlines += 1; position = newline + 1 }
        var spans: [MapLines.Span] = []
        spans.reserveCapacity(withHeadroom(newlines + 1))
        position = start
        while let newline = nextNewline(position) {
            spans.append(MapLines.Span(start: position, count: newline - position))
            position = newline + 1
        }
        // The text after the last "\n" (also a file of only a byte-order mark: one empty line).
        if position < bytes.count || bytes.last.map({ $0 != 0x0A }) == true {
            spans.append(MapLines.Span(start: position, count: bytes.count - position))
        }
        return spans
    }
}
