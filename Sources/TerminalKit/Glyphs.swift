import Foundation

/// The one place that decides which characters reach the terminal: the UI draws boxes, arrows, marks and "…"
/// in Unicode, and a terminal whose locale is not UTF-8 (LANG=C, a serial console) gets them in ASCII.
package enum Glyphs {
    /// Set once by the terminal backend, from the locale, before the first frame is drawn (never changed after).
    nonisolated(unsafe) package private(set) static var asciiOnly = false

    package static func useASCII(_ ascii: Bool) { asciiOnly = ascii }

    /// What text cut short ends with.
    package static var ellipsis: String { asciiOnly ? "..." : "…" }

    /// One cell's text as ASCII: box-drawing pieces as `+`, `-`, `|` (heavy ones `=` and `#` corners, so the
    /// focused box still stands out), arrows and marks as their nearest ASCII sign, accented letters without
    /// their accents, anything else as `?`.
    package static func ascii(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, !first.isASCII else { return text }
        if let sign = signs[first] { return sign }
        let base = String(text.decomposedStringWithCanonicalMapping.unicodeScalars.filter(\.isASCII))
        return base.isEmpty ? "?" : String(base.prefix(1))
    }

    private static let signs: [Unicode.Scalar: String] = {
        var signs: [Unicode.Scalar: String] = [:]
        for (characters, sign) in [
            ("─╌┄", "-"), ("│╎┆", "|"), ("┌┐└┘├┤┬┴┼", "+"), ("━", "="), ("┃", "|"), ("┏┓┗┛┣┫┳┻╋", "#"),
            ("→▶►", ">"), ("←◀◄", "<"), ("↑▲", "^"), ("↓▼", "v"), ("●•◆■", "*"), ("○◇□", "o"), ("·…", "."),
            ("✓✔", "x"), ("“”«»", "\""), ("‘’", "'"), ("–—", "-"),
        ] {
            for scalar in characters.unicodeScalars { signs[scalar] = sign }
        }
        return signs
    }()
}
