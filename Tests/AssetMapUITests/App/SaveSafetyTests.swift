import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit
import AssetMapTestSupport

/// The UI never saves over a change it has not seen, and a read-only map opens read-only.
@Suite struct SaveSafetyTests {
    /// A change far from the start of a large file, keeping its size: only a hash of all of it sees it.
    @Test func aSameSizeChangeAtTheEndOfALargeFileIsNoticed() throws {
        let large = sampleMap + (1...2000).map { "place p\($0) \"Place number \($0)\"\n" }.joined()
        var h = try Harness(large)
        h.press(.char("r"))
        h.type("!")
        h.press(.enter)
        let theirs = large.replacingOccurrences(of: "\"Place number 1999\"", with: "\"Place NUMBER 1999\"")
        #expect(theirs.utf8.count == large.utf8.count)
        try Data(theirs.utf8).write(to: URL(fileURLWithPath: h.path))
        h.press(.char("s"))
        #expect(h.screen.contains("test.map changed on disk since it was opened or saved."))
        h.press(.char("c"))
        #expect(h.fileText == theirs)
    }

    @Test func aDeletedOrMovedFileIsNoticedAndCanBeWrittenAgain() throws {
        var h = try Harness()
        h.press(.char("r"))
        h.type("!")
        h.press(.enter)
        try FileManager.default.moveItem(atPath: h.path, toPath: h.path + ".moved")
        h.press(.char("s"))
        #expect(h.screen.contains("test.map was deleted or moved away since it was opened or saved."))
        #expect(!FileManager.default.fileExists(atPath: h.path))
        h.press(.char("r"))
        #expect(h.status.contains("Nothing to reload"))
        h.press(.char("o"))
        #expect(h.fileText == h.documentText)
        #expect(h.fileText.contains("asylum!\""))
    }

    /// Another process replacing the file with identical bytes (a new inode, a newer time) loses nothing.
    @Test func anIdenticalCopyIsNotAConflict() throws {
        var h = try Harness()
        h.press(.char("r"))
        h.type("!")
        h.press(.enter)
        try FileManager.default.removeItem(atPath: h.path)
        try Data(sampleMap.utf8).write(to: URL(fileURLWithPath: h.path))
        h.press(.char("s"))
        #expect(h.status.contains("Saved test.map"))
        #expect(h.fileText.contains("asylum!\""))
    }

    /// The save goes through the same lock as every CLI edit: a held lock fails it with the holder named.
    @Test func theSaveTakesTheSameLockAsTheCommandLine() throws {
        var h = try Harness()
        h.press(.char("r"))
        h.type("!")
        h.press(.enter)
        let lock = (h.path as NSString).deletingLastPathComponent + "/.test.map.assetmap-lock"
        let fd = open(lock, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        _ = "4242\n".withCString { write(fd, $0, 5) }
        setenv("ASSETMAP_LOCK_TIMEOUT", "0.2", 1)
        defer { unsetenv("ASSETMAP_LOCK_TIMEOUT") }
        h.press(.char("s"))
        #expect(h.status.contains("Not saved: process 4242 is saving test.map; try again"))
        #expect(h.app.hasUnsavedChanges)
        #expect(h.fileText == sampleMap)
    }

    @Test func aReadOnlyFileOpensReadOnlyAndSaysSo() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("locked.map").path
        try Data(sampleMap.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o444)
        var app = try AssetMapApp.open(path: path)
        app.update(.resize(width: 80, height: 24))
        var buffer = Buffer(width: 80, height: 24)
        app.view(into: &buffer)
        #expect(app.isReadOnly)
        #expect(buffer.text.contains("[read-only]"))
        #expect(buffer.row(22).contains("Read-only: its owner has no write permission"))
        app.update(.key(.char("r")))
        app.update(.key(.char("s")))
        #expect(!app.hasUnsavedChanges)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == sampleMap)
    }
}
