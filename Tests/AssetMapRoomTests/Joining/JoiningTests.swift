import AssetMapCore
import Foundation
import Testing
@testable import AssetMapRoom

/// What the facilitator's screen offers phones: the addresses to listen on and the join address as a QR code.
@Suite struct JoiningTests {
    static let address = "http://192.168.100.200:8080/0123456789abcdef0123456789abcdef0123456789abcdef/"

    /// The 7×7 finder pattern of a QR code at (row, column): a dark ring, a light ring, a dark 3×3 core.
    static func isFinder(_ m: [[Bool]], _ row: Int, _ column: Int) -> Bool {
        (0..<7).allSatisfy { r in
            (0..<7).allSatisfy { c in
                let ring = max(abs(r - 3), abs(c - 3))
                return m[row + r][column + c] == (ring != 2)
            }
        }
    }

    @Test func theJoinAddressIsAQRCodeWithItsFinderAndTimingPatterns() throws {
        let m = try #require(JoinCode.matrix(Self.address))
        let size = m.count
        #expect(m.allSatisfy { $0.count == size })
        // Versions are 21 + 4n modules wide; 77 bytes at the lowest correction need version 4.
        #expect(size == 33, "\(size)")
        #expect(Self.isFinder(m, 0, 0) && Self.isFinder(m, 0, size - 7) && Self.isFinder(m, size - 7, 0))
        #expect(!Self.isFinder(m, size - 7, size - 7), "the fourth corner has no finder")
        // Row 6 and column 6 alternate dark and light between the finders.
        #expect((8..<(size - 8)).allSatisfy { m[6][$0] == ($0 % 2 == 0) && m[$0][6] == ($0 % 2 == 0) })
        // Another address makes another code.
        #expect(JoinCode.matrix(Self.address.replacingOccurrences(of: "0123", with: "9999")) != m)
    }

    @Test func textTooLongForAnyCodeGivesNone() {
        #expect(JoinCode.matrix(String(repeating: "x", count: 4000)) == nil)
    }

    @Test func loopbackIsAmongTheAddressesAndComesAfterTheNetwork() throws {
        let list = NetworkAddresses.list()
        let loopback = try #require(list.firstIndex { $0.host == "127.0.0.1" })
        #expect(list[loopback].isLoopback)
        #expect(list.allSatisfy { !$0.host.hasPrefix("fe80:") })
        // What a phone can reach first: no IPv4 network address after loopback.
        #expect(!list[(loopback + 1)...].contains { !$0.isLoopback && !$0.host.contains(":") })
    }
}
