import CQRencode

/// The join address as a QR code (Debian's libqrencode), for phones to scan off the projected
/// screen: rows of modules, `true` dark, without the quiet zone (the one drawing it adds that).
package enum JoinCode {
    /// Nil when the text cannot be encoded (too long for any QR version).
    package static func matrix(_ text: String) -> [[Bool]]? {
        // Low error correction: the smallest code, and a screen is not a crumpled poster.
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_L) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let modules = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        // Bit 0 of each byte is the module's colour; the other bits say what part of the code it is.
        return (0..<width).map { row in (0..<width).map { modules[row * width + $0] & 1 == 1 } }
    }
}
