import Testing
import Foundation
@testable import AssetMapCore

/// The load path's shortcuts agree with the standard library's answers.
@Suite struct UTF8Validation {
    /// Random byte strings, biased towards UTF-8 lead and continuation bytes so the edge cases come up.
    static func randomBytes(_ seed: UInt64, count: Int) -> [UInt8] {
        var state = seed
        let interesting: [UInt8] = [
            0x00, 0x0A, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
            0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90, 0x0D, 0x09,
        ]
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let r = Int(truncatingIfNeeded: state >> 33)
            return r % 3 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : interesting[(r >> 8) % interesting.count]
        }
    }

    @Test func lineSplitChecksUTF8AsTheStandardLibraryDoes() {
        var samples: [[UInt8]] = [
            [], Array("plain ASCII text, longer than eight bytes".utf8), Array("Café — لاجئون 华人 👶🏽".utf8),
            [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0xAF], [0xC0, 0xAF], [0xF0, 0x9F, 0x91],
        ]
        for seed in 0..<3000 { samples.append(Self.randomBytes(UInt64(seed), count: 1 + seed % 23)) }
        for bytes in samples {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let split = bytes.withUnsafeBufferPointer { LineSplit.scan($0, 0..<$0.count, validate: true) }
            #expect((split != nil) == expected, "\(bytes)")
            // Where it is valid, the lines are those ending in "\n", as a plain split finds them.
            if let split {
                let plain = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
                #expect(split.map { Array(bytes[Int($0.start)..<(Int($0.start) + $0.count)]) } == plain, "\(bytes)")
                #expect(
                    split.map(\.holdsControl) == plain.map { $0.withUnsafeBufferPointer(Escaping.hasControl) },
                    "\(bytes)")
            }
        }
    }

    @Test func loadingBytesEqualsLoadingText() throws {
        for text in ["", "\n", "x", "map \"T\"\r\n  a: b\r\n", "community a \"Ä\"\n  note: 👶🏽\n\ncommunity b \"B\""] {
            let fromData = try MapDocument(data: Data(text.utf8))
            let fromText = MapDocument(text: text)
            #expect(fromData.lines == fromText.lines && fromData.hasFinalNewline == fromText.hasFinalNewline)
            #expect(fromData.text == text)
        }
        #expect(throws: MapLoadError.self) { try MapDocument(data: Data([0x61, 0x0A, 0xC3, 0x28])) }
    }
}
