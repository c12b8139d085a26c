import Foundation

/// The lexical rules of the format, shared by the parser and by everything that writes records.
package enum Syntax {
    @inline(__always) static func isIDStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "_")
    }
    @inline(__always) static func isIDByte(_ b: UInt8) -> Bool {
        isIDStart(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
    }

    /// `[A-Za-z0-9_][A-Za-z0-9_.-]*`, and no `->` inside.
    package static func isValidID(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard let first = bytes.first, isIDStart(first), !s.contains("->") else { return false }
        return bytes.allSatisfy(isIDByte)
    }

    /// `a == b`, lengths first: a String comparison that fails is a call, and `check` makes one per attribute
    /// and per edge. Texts of different UTF-8 lengths count as different, so this is for keys and for caches
    /// whose misses fall back to `==` (a relation may be spelt in two Unicode forms).
    @inline(__always) static func same(_ a: String, _ b: String) -> Bool { a.utf8.count == b.utf8.count && a == b }

    /// `[a-z][a-z0-9_-]*`
    package static func isValidKey(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard let first = bytes.first, first >= 0x61 && first <= 0x7A else { return false }
        return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }
    }

    /// A label in double quotes, escaping only `"` and `\`.
    package static func quote(_ label: String) -> String {
        var out = "\""
        for ch in label {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        out.append("\"")
        return out
    }

    /// A relation as written: bare when it is a single word, quoted otherwise.
    package static func relationToken(_ relation: String) -> String {
        isValidID(relation) && relation != "map" && relation != "kind" ? relation : quote(relation)
    }

    package static func nodeLine(kind: String, id: String, label: String) -> String {
        "\(kind) \(id) \(quote(label))"
    }

    package static func edgeLine(from: String, to: String, relation: String) -> String {
        "\(from) -> \(to) \(relationToken(relation))"
    }

    /// `key: value`, with `+` continuation lines for a multi-line value.
    package static func attributeLines(key: String, value: String, indent: String = "  ") -> [String] {
        let parts = value.split(separator: "\n", omittingEmptySubsequences: false)
        var lines = [parts[0].isEmpty ? "\(indent)\(key):" : "\(indent)\(key): \(parts[0])"]
        for part in parts.dropFirst() {
            lines.append(part.isEmpty ? "\(indent)+" : "\(indent)+ \(part)")
        }
        return lines
    }

    /// A readable, valid id from a label: "Refugee & Migrant Centre" → "refugee-migrant-centre".
    package static func slug(_ label: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in label.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII, let b = UInt8(exactly: scalar.value),
                (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue  // é → e
            } else {
                pendingDash = true
            }
            if out.count >= 40 { break }
        }
        return out.isEmpty ? "node" : out
    }
}
