import Foundation

/// One row of the table: a value per map size, and the target it is held to at the largest size.
struct Row: Codable {
    enum Unit: String, Codable { case seconds, milliseconds, megabytes, ratio, text }
    var name: String
    var unit: Unit
    var values: [Int: Double] = [:]
    /// Shown instead of a number (e.g. "nop not found…").
    var notes: [Int: String] = [:]
    var target: Target?

    /// A limit the value must stay under (or at, when `inclusive`).
    struct Target: Codable {
        var text: String
        var limit: Double
        var inclusive = false
        func passes(_ value: Double) -> Bool { inclusive ? value <= limit : value < limit }
    }

    static func seconds(_ value: Double) -> String {
        value < 0.01
            ? String(format: "%.1f ms", value * 1000)
            : value < 1 ? String(format: "%.0f ms", value * 1000) : String(format: "%.2f s", value)
    }

    func cell(_ size: Int) -> String {
        if let note = notes[size] { return note }
        guard let value = values[size] else { return "–" }
        switch unit {
        case .seconds: return Row.seconds(value)
        case .milliseconds:
            return value * 1000 < 1 ? String(format: "%.0f µs", value * 1e6) : String(format: "%.1f ms", value * 1000)
        case .megabytes: return String(format: value < 10 * 1_048_576 ? "%.1f MB" : "%.0f MB", value / 1_048_576)
        case .ratio: return String(format: "%.3f", value)
        case .text: return String(format: "%.0f", value)
        }
    }
}

/// The rows in print order; sections append to them.
struct Report: Codable {
    var sizes: [Int]
    var rows: [Row] = []
    /// Sections that could not run yet, with why.
    var pending: [String] = []

    mutating func set(_ name: String, _ unit: Row.Unit, size: Int, _ value: Double, target: Row.Target? = nil) {
        if let i = rows.firstIndex(where: { $0.name == name }) {
            rows[i].values[size] = value
            if target != nil { rows[i].target = target }
        } else {
            rows.append(Row(name: name, unit: unit, values: [size: value], target: target))
        }
    }

    /// Adds another report's values (one size measured in a child process).
    mutating func merge(_ other: Report) {
        for row in other.rows {
            for (size, value) in row.values { set(row.name, row.unit, size: size, value, target: row.target) }
            for (size, text) in row.notes { note(row.name, row.unit, size: size, text, target: row.target) }
        }
        for item in other.pending where !pending.contains(item) { pending.append(item) }
    }

    mutating func note(_ name: String, _ unit: Row.Unit, size: Int, _ text: String, target: Row.Target? = nil) {
        if let i = rows.firstIndex(where: { $0.name == name }) {
            rows[i].notes[size] = text
        } else {
            rows.append(Row(name: name, unit: unit, notes: [size: text], target: target))
        }
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// The markdown table, then a pass/fail line per target at the largest size.
    func markdown(edges: [Int: Int]) -> String {
        let largest = sizes.max() ?? 0
        var out =
            "| measurement | "
            + sizes.map { "\(Report.grouped($0)) nodes / \(Report.grouped(edges[$0] ?? 0)) edges" }.joined(
                separator: " | ")
            + " | target at \(Report.grouped(largest)) |\n"
        out += "|---|" + sizes.map { _ in "---:|" }.joined() + "---|\n"
        for row in rows {
            var line = "| \(row.name) | " + sizes.map { row.cell($0) }.joined(separator: " | ")
            if let target = row.target {
                let verdict = row.values[largest].map { target.passes($0) ? "pass" : "**FAIL**" } ?? "not measured"
                line += " | \(target.text): \(verdict) |"
            } else {
                line += " | |"
            }
            out += line + "\n"
        }
        return out
    }

    func verdicts() -> (passed: [String], failed: [String], unmeasured: [String]) {
        let largest = sizes.max() ?? 0
        var passed: [String] = [], failed: [String] = [], unmeasured: [String] = []
        for row in rows {
            guard let target = row.target else { continue }
            let label = "\(row.name) \(target.text)"
            if let value = row.values[largest] {
                if target.passes(value) {
                    passed.append(label)
                } else {
                    failed.append("\(label) (got \(row.cell(largest)))")
                }
            } else {
                unmeasured.append(label)
            }
        }
        return (passed, failed, unmeasured)
    }
}
