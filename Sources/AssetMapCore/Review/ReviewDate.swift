import Foundation

/// Calendar dates as the map writes them: `YYYY-MM-DD`, which also sorts as text.
package enum ReviewDate {
    package static func isValid(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        let digits = bytes.enumerated().filter { $0.offset != 4 && $0.offset != 7 }.map(\.element)
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        guard let year = Int(s.prefix(4)), let month = Int(s.dropFirst(5).prefix(2)), let day = Int(s.suffix(2)) else {
            return false
        }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// Today in the local time zone.
    package static func today(_ now: Date = Date()) -> String {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}

/// Dates as people type them, stored as `YYYY-MM-DD`.
extension ReviewDate {
    /// `today`, `tomorrow`, `yesterday`, `+7d`, `+2w` (from `today`), `DD/MM/YYYY` (UK order, also `D/M/YYYY`)
    /// and `YYYY-MM-DD`, as `YYYY-MM-DD`; nil for anything else.
    package static func parse(_ text: String, today: String = ReviewDate.today()) -> String? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if isValid(text) { return text }
        guard let base = days(today) else { return nil }
        switch text {
        case "today": return today
        case "tomorrow": return date(base + 1)
        case "yesterday": return date(base - 1)
        default: break
        }
        if text.hasPrefix("+"), let unit = text.last, unit == "d" || unit == "w",
            let count = Int(text.dropFirst().dropLast()), (0...3660).contains(count)
        {
            return date(base + count * (unit == "w" ? 7 : 1))
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
            let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        let iso = String(format: "%04d-%02d-%02d", year, month, day)
        return isValid(iso) ? iso : nil
    }

    /// `parse`, or an error saying what it accepts.
    package static func stored(_ text: String, today: String = ReviewDate.today()) throws -> String {
        guard let iso = parse(text, today: today) else { throw EditError("'\(text)' is not a date; write \(accepted)") }
        return iso
    }

    /// Keys whose value is a date, on any record: typed in any form `parse` reads, stored as `YYYY-MM-DD`.
    package static let dateKeys: Set<String> = ["due"]

    /// What `parse` accepts, for messages.
    package static let accepted = "DD/MM/YYYY, YYYY-MM-DD, today, tomorrow, +7d or +2w"

    /// Days since 1970-01-01 of a valid `YYYY-MM-DD` (proleptic Gregorian, no time zone involved).
    static func days(_ iso: String) -> Int? {
        guard isValid(iso), let y0 = Int(iso.prefix(4)), let m = Int(iso.dropFirst(5).prefix(2)),
            let d = Int(iso.suffix(2))
        else { return nil }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    static func date(_ days: Int) -> String {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return String(format: "%04d-%02d-%02d", yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `2026-12-21` as `21 December 2026`; anything else as it is.
    package static func display(_ iso: String) -> String {
        guard isValid(iso), let month = Int(iso.dropFirst(5).prefix(2)), let day = Int(iso.suffix(2)) else {
            return iso
        }
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\(day) \(months[month - 1]) \(iso.prefix(4))"
    }
}
