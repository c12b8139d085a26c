import TerminalKit
import CNcursesw
#if canImport(Glibc)
    import Glibc
#endif

/// Colour pairs made on demand, one per (foreground, background) in use.
struct ColorPairs {
    let enabled: Bool
    /// With use_default_colors, -1 means the terminal's own colour; otherwise fall back to white on black.
    private let defaultForeground: Int16
    private let defaultBackground: Int16
    private var pairs: [Int32: Int16] = [:]

    init(enabled: Bool) {
        self.enabled = enabled
        let hasDefaults = enabled && use_default_colors() == OK
        defaultForeground = hasDefaults ? -1 : Int16(COLOR_WHITE)
        defaultBackground = hasDefaults ? -1 : Int16(COLOR_BLACK)
    }

    mutating func pair(for style: Style) -> Int16 {
        guard enabled, style.foreground != nil || style.background != nil else { return 0 }
        let foreground = style.foreground.map { Int16($0.rawValue) } ?? defaultForeground
        let background = style.background.map { Int16($0.rawValue) } ?? defaultBackground
        let key = Int32(foreground) << 16 | Int32(UInt16(bitPattern: background))
        if let existing = pairs[key] { return existing }
        let next = Int16(pairs.count + 1)
        // 8-colour terminals may have only 64 pairs; past that, plain is better than wrong.
        guard Int32(next) < shim_color_pairs(), init_pair(next, foreground, background) == OK else { return 0 }
        pairs[key] = next
        return next
    }
}

/// Copies Buffers to the screen, writing only the cells that differ from the previous frame.
struct ScreenWriter {
    var colors: ColorPairs
    private var previous: Buffer?

    init(colors: ColorPairs) { self.colors = colors }

    /// The screen was given to another program: the next frame is written whole.
    mutating func forget() { previous = nil }

    mutating func draw(_ frame: Buffer) {
        let window = shim_stdscr()!
        let sizeChanged = previous.map { $0.width != frame.width || $0.height != frame.height } ?? true
        if sizeChanged {
            wclear(window)  // also makes the next refresh repaint everything
        }
        for y in 0..<frame.height {
            var x = 0
            while x < frame.width {
                let cell = frame[x, y]
                let wide = x + 1 < frame.width && frame[x + 1, y].isContinuation
                let changed = sizeChanged || previous![x, y] != cell || (wide && previous![x + 1, y] != frame[x + 1, y])
                if changed && !cell.isContinuation {
                    put(cell, wide: wide, x: x, y: y, in: window)
                }
                x += wide ? 2 : 1
            }
        }
        wnoutrefresh(window)
        doupdate()
        previous = frame
    }

    private mutating func put(_ cell: Cell, wide: Bool, x: Int, y: Int, in window: UnsafeMutablePointer<WINDOW>) {
        var attributes = shim_a_normal()
        if cell.style.bold { attributes |= shim_a_bold() }
        if cell.style.reverse { attributes |= shim_a_reverse() }
        if cell.style.underline { attributes |= shim_a_underline() }
        if cell.style.dim { attributes |= shim_a_dim() }
        let pair = colors.pair(for: cell.style)

        // The base character plus its combining marks (curses keeps at most CCHARW_MAX - 1 of them).
        let scalars = Array((Glyphs.asciiOnly ? Glyphs.ascii(cell.text) : cell.text).unicodeScalars)
        var characters: [wchar_t] = [wchar_t(bitPattern: scalars.first?.value ?? 32)]
        for scalar in scalars.dropFirst()
        where characters.count < 4 && shim_wcwidth(wchar_t(bitPattern: scalar.value)) == 0 {
            characters.append(wchar_t(bitPattern: scalar.value))
        }
        // The Buffer measured it wide (e.g. a symbol with VS16) but curses would advance one column:
        // draw the base character and pad, so the rest of the row stays aligned.
        let padAfter = wide && shim_wcwidth(characters[0]) < 2
        if padAfter { characters = characters.filter { $0 != 0xFE0F } }
        characters.append(0)

        var complex = cchar_t()
        setcchar(&complex, characters, attributes, pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &complex)
        if padAfter {
            var blank = cchar_t()
            setcchar(&blank, [32, 0], attributes, pair, nil)
            mvwadd_wch(window, Int32(y), Int32(x + 1), &blank)
        }
    }
}
