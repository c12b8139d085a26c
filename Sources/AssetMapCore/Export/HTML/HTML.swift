import Foundation

/// Text made safe for HTML: in element content and in double-quoted attribute values alike.
package enum HTML {
    package static func escape(_ text: String) -> String {
        // Most labels need nothing: skip the copy.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// JSON to sit inside `<script type="application/json">`: `<`, `>` and `&` written as `\u003c`…
    /// so no value can close the element (`</script>`) or open a comment; U+2028/2029 escaped for old parsers.
    /// In JSON these characters only occur inside strings, where the escapes mean the same text.
    package static func scriptJSON(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count + 64)
        for ch in json.unicodeScalars {
            switch ch {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
