import Foundation
import Testing

/// `assetmap [FILE]` refusing before it touches the terminal: no tmux needed.
@Suite struct OpenCommandTests {
    @Test func refusesWithoutATerminal() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = try Fixture.copyOfExampleMap(in: folder)
        let result = try Fixture.run([map.path])
        #expect(result.status == 2)
        #expect(result.errors.contains("needs a terminal"))
        #expect(result.output.isEmpty, "no escape codes on a pipe")
    }

    @Test func refusesInvalidUTF8WithLineAndColumn() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = folder.appendingPathComponent("latin1.map")
        var bytes = Array("community cafe \"Cafe\"\n  note: caf".utf8)
        bytes += [0xE9, 0x0A]
        try Data(bytes).write(to: map)
        let result = try Fixture.run([map.path])
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("\(map.path):2:12: error:"), "\(result.errors)")
        #expect(result.output.isEmpty)
    }

    @Test func refusesAMissingFile() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nowhere.map").path
        let result = try Fixture.run([missing])
        #expect(result.status == 1)
        #expect(result.errors.contains("\(missing): error: no such file"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func strictRefusesSyntaxErrorsListingThem() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = folder.appendingPathComponent("broken.map")
        let text = "community locals \"Locals\"\n  note: fine\n\n+ a continuation with nothing to continue\n"
        try Data(text.utf8).write(to: map)
        let result = try Fixture.run(["--strict", map.path])
        #expect(result.status == 1)
        #expect(result.errors.contains("\(map.path):4:1: error:"), "\(result.errors)")
        #expect(try String(contentsOf: map, encoding: .utf8) == text)
    }

    @Test func helpExplainsTheDefaultMapAndRecovery() throws {
        let result = try Fixture.run(["open", "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("maps/walsall.map"))
        #expect(result.output.contains(".recovered"))
        #expect(result.output.contains("--strict"))
    }
}
