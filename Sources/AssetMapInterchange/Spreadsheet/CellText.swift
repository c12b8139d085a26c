import Foundation

/// A stored value as a spreadsheet shows it: numbers in their shortest round-trip form, serial dates as ISO dates
/// in the workbook's date system, Excel's `_xHHHH_` escapes decoded.
package enum CellText {
    /// 22.222200000000001 → "22.2222", 3.0 → "3", 1e-7 → "1e-07" (as the shortest digits that read back the same).
    package static func number(_ value: Double) -> String {
        if value.isNaN || value.isInfinite { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A stored number's text in shortest form; text that is not a number is returned as it is.
    package static func number(_ stored: String) -> String {
        guard let value = Double(stored) else { return stored }
        return number(value)
    }

    /// An Excel serial date-time as ISO 8601: `2019-05-01`, `13:30`, `2019-05-01T13:30:15`. The 1900 system counts
    /// 1900-01-01 as day 1 and keeps Lotus's 29 February 1900 (day 60); the 1904 system counts 1904-01-01 as day 0.
    /// `date` and `time`: which parts the cell's format shows; `seconds`: whether it shows seconds.
    package static func date(serial: Double, date1904: Bool, date: Bool, time: Bool, seconds: Bool) -> String? {
        guard serial >= 0, serial < 2_958_466 else { return nil }  // up to 9999-12-31
        var whole = serial.rounded(.down)
        var secondsOfDay = ((serial - whole) * 86_400).rounded()
        if secondsOfDay >= 86_400 {
            whole += 1
            secondsOfDay -= 86_400
        }
        var day = Int(whole)
        var dateText = ""
        if date {
            if !date1904 && day == 60 {
                dateText = "1900-02-29"
            } else {
                if !date1904 && day < 60 { day += 1 }  // before Lotus's missing day
                // Days from 1899-12-30 (1900 system after day 60) or from 1904-01-01.
                let epochDays = date1904 ? day + 1462 : day
                let (y, m, d) = civil(fromDaysSince18991230: epochDays)
                dateText = String(format: "%04d-%02d-%02d", y, m, d)
            }
        }
        guard time else { return dateText }
        let total = Int(secondsOfDay)
        let clock =
            seconds
            ? String(format: "%02d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%02d:%02d", (total + 30) / 3600 % 24, (total + 30) / 60 % 60)
        return date ? "\(dateText)T\(clock)" : clock
    }

    /// The proleptic Gregorian date `days` after 1899-12-30.
    static func civil(fromDaysSince18991230 days: Int) -> (Int, Int, Int) {
        // Howard Hinnant's days-to-civil, from 1970-01-01 (25569 days after 1899-12-30).
        let z = days - 25569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `_x000D_` → CR, `_x005F_` → `_` (ECMA-376 ST_Xstring); pairs of escaped UTF-16 surrogates make one character.
    package static func unescaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var units: [UInt16] = []
        let chars = Array(text.utf16)
        var i = 0
        while i < chars.count {
            if chars[i] == 0x5F, i + 6 < chars.count, chars[i + 1] == 0x78, chars[i + 6] == 0x5F,
                let value = UInt16(String(decoding: chars[(i + 2)..<(i + 6)], as: UTF16.self), radix: 16)
            {
                units.append(value)
                i += 7
            } else {
                units.append(chars[i])
                i += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The escape Excel reads back as the text itself: `_x` followed by four hex digits and `_` gets its `_` escaped.
    package static func escaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            out += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let hex = after.prefix(5)
            if hex.count == 5, hex.last == "_", hex.dropLast().allSatisfy(\.isHexDigit) {
                out += "_x005F_x"
            } else {
                out += "_x"
            }
            rest = after
        }
        return out + rest
    }
}

/// What a cell's number format shows (ECMA-376 §18.8.30–31): the number, a percentage, or a date and time.
package enum NumberShown: Equatable, Sendable {
    case number
    case percent
    case dateTime(date: Bool, time: Bool, seconds: Bool)

    /// From a built-in format id (14–22 and 45–47 are dates and times; 27–36 and 50–58 East Asian dates; 9 and 10
    /// percentages) or a custom format code (`dd/mm/yyyy`, `[$-F800]dddd, mmmm dd, yyyy`, `hh:mm`, `0.0%`).
    package static func of(id: Int, code: String?) -> NumberShown {
        if let code { return of(code: code) }
        switch id {
        case 9, 10: return .percent
        case 14...17, 27...31, 34...36, 50...58: return .dateTime(date: true, time: false, seconds: false)
        case 18, 20: return .dateTime(date: false, time: true, seconds: false)
        case 19, 21, 45...47, 32, 33: return .dateTime(date: false, time: true, seconds: true)
        case 22: return .dateTime(date: true, time: true, seconds: false)
        default: return .number
        }
    }

    static func of(code: String) -> NumberShown {
        // The first section only; quoted text, escaped characters and [colour]/[$-locale] brackets say nothing.
        var plain = ""
        var quoted = false, escaped = false, bracket = false
        for char in code {
            if escaped { escaped = false; continue }
            if quoted { if char == "\"" { quoted = false }; continue }
            if bracket {
                if char == "]" { bracket = false } else if "hHmMsS".contains(char) { plain.append(char) }
                continue
            }
            switch char {
            case "\"": quoted = true
            case "\\", "_", "*": escaped = true
            case "[": bracket = true
            case ";": return classify(plain)
            default: plain.append(char)
            }
        }
        return classify(plain)
    }

    private static func classify(_ plain: String) -> NumberShown {
        let lower = plain.lowercased()
        if lower.contains("general") { return .number }
        let date =
            lower.contains("y") || lower.contains("d")
            || (lower.contains("m") && !lower.contains("h") && !lower.contains("s") && !lower.contains("0")
                && !lower.contains("#"))
        let time = lower.contains("h") || lower.contains("s")
        if date || time { return .dateTime(date: date, time: time, seconds: lower.contains("s")) }
        if lower.contains("%") { return .percent }
        return .number
    }
}
