import Foundation

/// A text file's bytes as text: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark (Excel's
/// "Unicode Text"), else Windows-1252 when the bytes read as it plausibly; any other encoding by name. Bytes that
/// do not fit are an error at their row and column, never guessed into other characters.
package enum TextDecoding {
    /// `--encoding` names → encodings. Mac Roman is what older Mac Excel and FileMaker write.
    package static let names: [String: String.Encoding] = [
        "utf-8": .utf8, "utf8": .utf8, "utf-16": .utf16, "utf-16le": .utf16LittleEndian,
        "utf-16be": .utf16BigEndian, "windows-1252": .windowsCP1252, "cp1252": .windowsCP1252,
        "latin1": .isoLatin1, "iso-8859-1": .isoLatin1, "macintosh": .macOSRoman, "macroman": .macOSRoman,
        "mac-roman": .macOSRoman, "mac": .macOSRoman,
    ]

    package static func encoding(named name: String) -> String.Encoding? { names[name.lowercased()] }

    /// Mac OS Roman's characters for bytes 0x80-0xFF (Foundation's own table is wrong on Linux).
    static let macRoman: [UInt32] = [
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
        0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
        0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
        0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
        0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
        0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
        0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
        0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
        0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
        0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
        0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
        0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
        0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
        0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
    ]

    package static func decode(_ data: Data, name: String, encoding: String.Encoding? = nil) throws -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            return try utf16(Array(bytes.dropFirst(2)), little: little, name: name)
        }
        if let encoding, encoding != .utf8 {
            if encoding == .utf16 || encoding == .utf16LittleEndian || encoding == .utf16BigEndian {
                return try utf16(bytes, little: encoding != .utf16BigEndian, name: name)
            }
            if encoding == .macOSRoman {
                var scalars = String.UnicodeScalarView()
                for byte in bytes {
                    scalars.append(Unicode.Scalar(byte < 0x80 ? UInt32(byte) : macRoman[Int(byte) - 0x80])!)
                }
                return String(scalars)
            }
            if encoding == .windowsCP1252, let bad = bytes.firstIndex(where: undefinedIn1252.contains) {
                throw error(bytes, at: bad, name: name, "byte 0x\(hex(bytes[bad])) is not a Windows-1252 character")
            }
            guard let text = String(data: data, encoding: encoding) else {
                let bad = firstUnfitting(bytes, encoding) ?? 0
                throw error(bytes, at: bad, name: name, "byte 0x\(hex(bytes[bad])) does not fit the encoding asked for")
            }
            return text
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard let bad = invalidUTF8(body) else { return String(decoding: body, as: UTF8.self) }
        let offset = body.count == bytes.count ? 0 : 3
        if encoding == .utf8 || offset == 3 || body.firstIndex(where: undefinedIn1252.contains) != nil {
            throw error(
                bytes, at: bad + offset, name: name,
                "byte 0x\(hex(body[bad])) is not UTF-8\(encoding == nil && offset == 0 ? " nor Windows-1252" : ""); \(hint)"
            )
        }
        // Windows-1252, unless a character sits where Mac Roman's accents would: an accented capital right after a
        // small letter (Mac Roman's é reads as Ž, its ’ as Õ: `CafŽ`, `donÕt`). One byte is one character here.
        let decoded = String(data: Data(body), encoding: .windowsCP1252)!
        var previous: Unicode.Scalar = " "
        for (offset, scalar) in decoded.unicodeScalars.enumerated() {
            if !scalar.isASCII, scalar.properties.isUppercase, previous.properties.isLowercase {
                throw error(
                    body, at: offset, name: name,
                    "byte 0x\(hex(body[offset])) is not UTF-8, and as Windows-1252 it makes '\(previous)\(scalar)' inside a word, as another encoding's accent would (Mac Roman's é reads as Ž); \(hint)"
                )
            }
            previous = scalar
        }
        return decoded
    }

    static let hint =
        "save it as CSV UTF-8, or say its encoding with --encoding NAME (macintosh, windows-1252, latin1, utf-16…)"

    /// Bytes Windows-1252 leaves undefined.
    static let undefinedIn1252: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

    static func hex(_ byte: UInt8) -> String { String(format: "%02X", byte) }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func invalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if String(validatingUTF8Bytes: bytes[i..<(i + length)]) == nil { return i }
            i += length
        }
        return nil
    }

    private static func utf16(_ bytes: [UInt8], little: Bool, name: String) throws -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            units.append(
                little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var consumed = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                consumed += scalar.value > 0xFFFF ? 2 : 1
            case .emptyInput: break loop
            case .error:
                let text = String(scalars)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                throw InputError(
                    name, row: lines.count, column: (lines.last?.count ?? 0) + 1,
                    "the UTF-16 text has a broken character (a lone surrogate at byte \(consumed * 2 + 2)); save it again"
                )
            }
        }
        if bytes.count % 2 == 1 {
            throw InputError(name, "the UTF-16 text ends in half a character: the file was cut short; save it again")
        }
        return String(scalars)
    }

    private static func firstUnfitting(_ bytes: [UInt8], _ encoding: String.Encoding) -> Int? {
        bytes.indices.first { String(data: Data([bytes[$0]]), encoding: encoding) == nil && bytes[$0] >= 0x80 }
    }

    /// An error at the row and column (in characters) of byte `offset`.
    private static func error(_ bytes: [UInt8], at offset: Int, name: String, _ message: String) -> InputError {
        let before = bytes[..<offset]
        let row = before.filter { $0 == 0x0A }.count + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return InputError(name, row: row, column: column, message)
    }
}

extension String {
    fileprivate init?(validatingUTF8Bytes bytes: ArraySlice<UInt8>) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: self = String(scalars); return
            case .error: return nil
            }
        }
    }
}
