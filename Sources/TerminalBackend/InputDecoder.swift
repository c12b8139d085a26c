import TerminalKit
import CNcursesw

/// Turns what `wget_wch` reports into the app's `InputEvent`s.
enum InputDecoder {
    /// A character (`wget_wch` returned OK).
    static func character(_ code: UInt32) -> InputEvent? {
        switch code {
        case 13, 10: return .key(.enter)  // nonl() gives \r; some terminals send \n
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 27: return .key(.escape)
        case 1...26:
            // Ctrl-A is 1 … Ctrl-Z is 26.
            return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 96))))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    /// A function key (`wget_wch` returned KEY_CODE_YES). KEY_MOUSE is handled by the caller.
    static func key(_ code: Int32) -> InputEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_BTAB: return .key(.backTab)
        case KEY_DC: return .key(.delete)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME, KEY_A1: return .key(.home)
        case KEY_END, KEY_LL, KEY_C1: return .key(.end)
        case KEY_A3: return .key(.pageUp)
        case KEY_C3: return .key(.pageDown)
        case KEY_RESIZE: return .resize(width: 0, height: 0)  // the caller fills in the real size
        case (KEY_F0 + 1)...(KEY_F0 + 24): return .key(.function(Int(code - KEY_F0)))
        default: return nil
        }
    }

    static func mouse(x: Int, y: Int, buttons: mmask_t) -> InputEvent? {
        if buttons & shim_button4_pressed() != 0 { return .mouse(MouseEvent(x: x, y: y, action: .scrollUp)) }
        if buttons & shim_button5_pressed() != 0 { return .mouse(MouseEvent(x: x, y: y, action: .scrollDown)) }
        if buttons & shim_button1_pressed() != 0 { return .mouse(MouseEvent(x: x, y: y, action: .press)) }
        return nil
    }
}
