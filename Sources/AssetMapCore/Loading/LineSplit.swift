import Foundation

/// Where the lines of a file are, found in one pass that also checks the bytes are UTF-8 and notes the lines that
/// hold a control character: eight bytes at a time where they are plain ASCII, in two halves at once for a
/// large file.
enum LineSplit {
    /// The lines of `bytes[start...]` (`data`'s bytes, which each half reaches again on its own thread) split at
    /// every "\n" (see `Parser.load`); nil when `validate` is set and the bytes are not UTF-8.
    static func spans(_ data: Data, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, validate: Bool, inParts: Bool)
        -> [MapLines.Span]?
    {
        // Halves split after a "\n": no UTF-8 sequence spans it, and each half's lines are whole.
        let middle = inParts ? nextNewline(bytes, from: start + (bytes.count - start) / 2).map { $0 + 1 } : nil
        let halves: [Range<Int>]
        if let middle, middle < bytes.count {
            halves = [start..<middle, middle..<bytes.count]
        } else {
            halves = [start..<bytes.count]
        }
        // The first half's array takes the second's lines too (room for both, with headroom for edits, is
        // reserved up front: pages never written cost nothing), so only the second half is copied.
        let estimate = (bytes.count - start) / 24 + 16
        var found = Parallel.map(halves.count, parallel: halves.count > 1) { k in
            data.withUnsafeBytes { raw in
                scan(
                    raw.bindMemory(to: UInt8.self), halves[k], validate: validate,
                    reserving: k == 0 ? Parser.withHeadroom(estimate) : estimate / 2)
            }
        }
        guard found.allSatisfy({ $0 != nil }) else { return nil }
        var spans = found[0]!
        found[0] = nil
        if found.count > 1 { spans.append(contentsOf: found[1]!) }
        // The text after the last "\n" (also a file of only a byte-order mark: one empty line).
        if bytes.last.map({ $0 != 0x0A }) ?? false {
            let position = spans.last.map { Int($0.start) + $0.count + 1 } ?? start
            let line = UnsafeBufferPointer(rebasing: bytes[position...])
            spans.append(MapLines.Span(start: position, count: line.count, holdsControl: Escaping.hasControl(line)))
        }
        return spans
    }

    /// The lines ending in "\n" within `range`, each from the end of the one before (the first from the range's
    /// start); nil when `validate` is set and the bytes are not UTF-8.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, validate: Bool, reserving: Int? = nil)
        -> [MapLines.Span]?
    {
        var spans: [MapLines.Span] = []
        spans.reserveCapacity(reserving ?? range.count / 24 + 16)
        guard let base = bytes.baseAddress, !range.isEmpty else { return spans }
        var lineStart = range.lowerBound, i = range.lowerBound, holdsControl = false
        let end = range.upperBound
        while i < end {
            if i + 8 <= end {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                var newlines = Bytes.zeros(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                // ASCII without a control byte (below 0x20 but "\n" and tab, or DEL): only its newlines matter.
                let controls =
                    (Bytes.zeros(word & 0xE0E0_E0E0_E0E0_E0E0) & ~newlines & ~Bytes.zeros(word ^ 0x0909_0909_0909_0909))
                    | Bytes.zeros(word ^ 0x7F7F_7F7F_7F7F_7F7F)
                if word & 0x8080_8080_8080_8080 | controls == 0 {
                    while newlines != 0 {
                        let at = i + newlines.trailingZeroBitCount / 8
                        spans.append(MapLines.Span(start: lineStart, count: at - lineStart, holdsControl: holdsControl))
                        lineStart = at + 1
                        holdsControl = false
                        newlines &= newlines - 1
                    }
                    i += 8
                    continue
                }
            }
            let byte = base[i]
            if byte < 0x80 {
                if byte == 0x0A {
                    spans.append(MapLines.Span(start: lineStart, count: i - lineStart, holdsControl: holdsControl))
                    lineStart = i + 1
                    holdsControl = false
                } else if Escaping.startsControl(base, at: i, end: end) {
                    // A CR ending its line (CRLF) is no control character: any other is.
                    if byte != 0x0D || (i + 1 < end && base[i + 1] != 0x0A) { holdsControl = true }
                }
                i += 1
            } else {
                if Escaping.startsControl(base, at: i, end: end) { holdsControl = true }
                if validate {
                    guard let length = UTF8Check.sequenceLength(base, at: i, end: end) else { return nil }
                    i += length
                } else {
                    i += 1  // never "\n"
                }
            }
        }
        return spans
    }

    private static func nextNewline(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress, from < bytes.count,
            let found = memchr(base + from, 0x0A, bytes.count - from)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

/// Bytes eight at a time.
enum Bytes {
    /// The high bit of each byte of `word` that is zero (exact: no carry crosses bytes).
    @inline(__always) static func zeros(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word | low)
    }

    /// The same bytes: eight at a time, without a call (ids are short).
    @inline(__always) static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return true }
        var i = 0
        while i + 8 <= a.count {
            if UnsafeRawPointer(x + i).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(y + i).loadUnaligned(as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        while i < a.count {
            if x[i] != y[i] { return false }
            i += 1
        }
        return true
    }
}

/// UTF-8 validity as `String(validating:)` judges it (no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Check {
    /// The length of the well-formed sequence that starts with the non-ASCII byte at `i`, or nil.
    @inline(__always) static func sequenceLength(_ base: UnsafePointer<UInt8>, at i: Int, end: Int) -> Int? {
        let c = base[i]
        func continuation(_ k: Int) -> Bool { i + k < end && base[i + k] & 0xC0 == 0x80 }
        switch c {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return nil }
            if c == 0xE0 && base[i + 1] < 0xA0 { return nil }  // overlong
            if c == 0xED && base[i + 1] >= 0xA0 { return nil }  // surrogate
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return nil }
            if c == 0xF0 && base[i + 1] < 0x90 { return nil }  // overlong
            if c == 0xF4 && base[i + 1] >= 0x90 { return nil }  // above U+10FFFF
            return 4
        default:
            return nil
        }
    }
}
