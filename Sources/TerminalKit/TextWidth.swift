#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Display width in terminal columns, from the C library's `wcwidth` — the same one ncurses uses,
/// so what we measure is what the terminal draws.
package enum TextWidth {
    /// `wcwidth` answers only under a UTF-8 character type. Rather than change the process's locale, each
    /// call runs under this one on its own thread and puts the thread's locale back (C.UTF-8 is always there).
    /// An immutable handle, safe to use from any thread.
    private nonisolated(unsafe) static let utf8: locale_t? = newlocale(Int32(1) << LC_CTYPE, "C.UTF-8", nil)

    private static func wcwidth(_ scalar: Unicode.Scalar) -> Int {
        guard let utf8 else { return Int(c_wcwidth(Int32(bitPattern: scalar.value))) }
        let previous = uselocale(utf8)
        defer { uselocale(previous) }
        return Int(c_wcwidth(Int32(bitPattern: scalar.value)))
    }

    /// Columns for one character: 0 for combining marks, 2 for wide (CJK, most emoji), else 1.
    package static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if first.isASCII { return 1 }
        let w = wcwidth(first)
        if w < 0 { return 1 }
        if w == 0 && character.unicodeScalars.count == 1 { return 0 }
        // Emoji presentation (VS16) makes a narrow symbol wide, as terminals draw it.
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return max(w, 1)
    }

    package static func of(_ string: String) -> Int {
        // ASCII (most labels): one column a byte, without a look at each character's width.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return string.utf8.count }
        var total = 0
        for character in string { total += of(character) }
        return total
    }

    /// The longest prefix that fits in `columns`, with "…" when cut ("..." on an ASCII terminal, see `Glyphs`).
    /// Never splits a character.
    package static func truncate(_ string: String, to columns: Int, ellipsis: String = Glyphs.ellipsis) -> String {
        guard columns > 0 else { return "" }
        // One pass, ending as soon as the string is known not to fit: time for what is shown, not for all of it.
        let room = columns - of(ellipsis)
        var used = 0
        var fitting = string.startIndex  // the end of the longest prefix that fits with the ellipsis
        var index = string.startIndex
        var fits = true
        while index < string.endIndex {
            let w = of(string[index])
            fits = fits && used + w <= room
            if fits { fitting = string.index(after: index) }
            used += w
            if used > columns { return room >= 0 ? String(string[..<fitting]) + ellipsis : String(string[..<fitting]) }
            index = string.index(after: index)
        }
        return string
    }

    /// Pads with spaces (or truncates) to exactly `columns`.
    package static func pad(_ string: String, to columns: Int) -> String {
        let cut = truncate(string, to: columns)
        return cut + String(repeating: " ", count: max(0, columns - of(cut)))
    }
}

/// glibc's wcwidth; Swift's Glibc module hides it behind _XOPEN_SOURCE.
@_silgen_name("wcwidth") private func c_wcwidth(_ c: Int32) -> Int32
