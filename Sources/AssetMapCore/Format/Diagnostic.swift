/// A problem found in a map, at a 1-based line and column.
package struct Diagnostic: Equatable, Hashable, Sendable {
    package enum Severity: String, Sendable, Comparable {
        case error, warning
        package static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    package var severity: Severity
    package var line: Int
    package var column: Int
    /// Always one line: control characters and line breaks from the map are escaped, a long one is cut.
    package var message: String

    package init(_ severity: Severity, line: Int, column: Int, _ message: String) {
        self.severity = severity
        self.line = line
        self.column = column
        self.message = Escaping.oneLine(message, limit: 400)
    }

    /// `FILE:LINE:COL: error|warning: message`, the form editors and CI understand.
    package func formatted(file: String) -> String {
        var bytes: [UInt8] = []
        append(to: &bytes, filePrefix: Self.filePrefix(file))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The file name as a formatted line starts with it, escaped, with its colon.
    fileprivate static func filePrefix(_ file: String) -> [UInt8] { [UInt8]((Escaping.oneLine(file) + ":").utf8) }

    /// `formatted`'s line, after `filePrefix`, as UTF-8.
    fileprivate func append(to bytes: inout [UInt8], filePrefix: [UInt8]) {
        bytes.append(contentsOf: filePrefix)
        Self.appendDecimal(line, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Self.appendDecimal(column, to: &bytes)
        bytes.append(contentsOf: severity == .error ? Self.errorTag : Self.warningTag)
        bytes.append(contentsOf: message.utf8)
    }

    private static let errorTag = Array(": error: ".utf8), warningTag = Array(": warning: ".utf8)

    /// A number's digits, without making a String for it (`check` writes tens of thousands).
    private static func appendDecimal(_ number: Int, to bytes: inout [UInt8]) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { room in
            var start = room.count, rest = number.magnitude
            repeat {
                start -= 1
                room[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: room[start...])
        }
    }
}

extension Array where Element == Diagnostic {
    package var hasErrors: Bool { contains { $0.severity == .error } }

    /// Each as `formatted(file:)` writes it, a line apiece, as UTF-8 handed to `write` in blocks: a large map's
    /// tens of thousands of warnings without a String made for each.
    package func writeFormatted(file: String, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        let prefix = Diagnostic.filePrefix(file)
        var block: [UInt8] = []
        block.reserveCapacity(1 << 16 + 1024)
        for diagnostic in self {
            diagnostic.append(to: &block, filePrefix: prefix)
            block.append(0x0A)
            if block.count >= 1 << 16 {
                block.withUnsafeBufferPointer(write)
                block.removeAll(keepingCapacity: true)
            }
        }
        if !block.isEmpty { block.withUnsafeBufferPointer(write) }
    }

    /// By position, errors before warnings on the same spot: stable output for people and tests.
    package func sortedByPosition() -> [Diagnostic] {
        var sorted = self
        sorted.sortByPosition()
        return sorted
    }

    /// `sortedByPosition`, in place (a large map's warnings are not copied again).
    package mutating func sortByPosition() { sort(by: Diagnostic.precedes) }

    /// Lists each sorted by position, merged into one sorted by position (what sorting them together gives).
    static func mergedByPosition(_ lists: [[Diagnostic]]) -> [Diagnostic] {
        var merged: [Diagnostic] = []
        merged.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        var next = lists.map { _ in 0 }
        while true {
            var first: Int?
            for k in lists.indices where next[k] < lists[k].count {
                if first.map({ Diagnostic.precedes(lists[k][next[k]], lists[$0][next[$0]]) }) ?? true { first = k }
            }
            guard let k = first else { return merged }
            merged.append(lists[k][next[k]])
            next[k] += 1
        }
    }
}

extension Diagnostic {
    /// The order of `sortedByPosition`: line, column, errors before warnings, then the message.
    static func precedes(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.line, a.column, a.severity == .error ? 0 : 1, a.message) < (
            b.line, b.column, b.severity == .error ? 0 : 1, b.message
        )
    }
}
