import AssetMapCore
import Foundation
import Testing
import AssetMapTestSupport

/// `set --occurrence N`: the core's `replaceAttribute`, the edit the UI makes on a repeated key.
@Suite struct SetOccurrenceTests {
    let map = """
        community refugees "Refugees"
          note: first
          plus: yes
          note: second
            + and more
          note: third

        """

    @Test func onlyTheNthLineOfARepeatedKeyChanges() throws {
        let dir = try TemporaryFolder()
        try dir.write("r.map", map)
        let result = try dir.run("set", "r.map", "refugees", "note=Meets on Fridays", "--occurrence", "2")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try dir.read("r.map")
                == map.replacingOccurrences(of: "  note: second\n    + and more\n", with: "  note: Meets on Fridays\n"))
    }

    @Test func aMissingOccurrenceIsRefusedAndTheFileKept() throws {
        let dir = try TemporaryFolder()
        try dir.write("r.map", map)
        let result = try dir.run("set", "r.map", "refugees", "note=x", "--occurrence", "4")
        #expect(result.status == 1)
        #expect(result.stderr.contains("refugees has no note number 4"))
        #expect(try dir.read("r.map") == map)
    }
}
