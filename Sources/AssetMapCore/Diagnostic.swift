/// A problem found in a map, at a 1-based line and column.
public struct Diagnostic: Equatable, Hashable, Sendable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    public var line: Int
    public var column: Int
    /// Always one line: control characters and line breaks from the map are escaped, a long one is cut.
    public var message: String

    public init(_ severity: Severity, line: Int, column: Int, _ message: String) {
        self.severity = severity
        self.line = line
        self.column = column
        self.message = Escaping.oneLine(message, limit: 400)
    }

    /// `FILE:LINE:COL: error|warning: message`, the form editors and CI understand.
    public func formatted(file: String) -> String {
        "\(Escaping.oneLine(file)):\(line):\(column): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// By position, errors before warnings on the same spot: stable output for people and tests.
    public func sortedByPosition() -> [Diagnostic] {
        var sorted = self
        sorted.sortByPosition()
        return sorted
    }

    /// `sortedByPosition`, in place (a large map's warnings are not copied again).
    public mutating func sortByPosition() {
        sort { ($0.line, $0.column, $0.severity == .error ? 0 : 1, $0.message) < ($1.line, $1.column, $1.severity == .error ? 0 : 1, $1.message) }
    }
}
