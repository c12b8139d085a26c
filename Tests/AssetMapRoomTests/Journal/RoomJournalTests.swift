import AssetMapCore
import Foundation
import Testing
@testable import AssetMapRoom

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct RoomJournalTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "room-journal-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    @Test func eventsComeBackInOrderAndTheFileIsTheOwnersOnly() throws {
        let path = folder + "/walsall.map.room-journal"
        let events: [RoomEvent] = [
            .joined(participant: "ann"), .shown(card: RoomCard(id: "fares", label: "Bus \"fares\"")),
            .vote(participant: "ann", barrier: "fares", delta: 1),
            .note(item: 1, participant: "ann", barrier: "fares", text: "£9 <b>", name: nil),
        ]
        do {
            let journal = try RoomJournal(path: path)
            for event in events { try journal.append(event) }
        }
        #expect(try RoomJournal.read(path) == events)
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
    }

    @Test func noJournalIsNil() throws {
        #expect(try RoomJournal.read(folder + "/none.room-journal") == nil)
    }

    @Test func aLineCutShortIsLeftOutAndCutOffBeforeTheNextAppend() throws {
        let path = folder + "/m.room-journal"
        do { try RoomJournal(path: path).append(.joined(participant: "ann")) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"vote\":{\"partic".utf8))
        try handle.close()
        #expect(try RoomJournal.read(path) == [.joined(participant: "ann")])
        do { try RoomJournal(path: path).append(.joined(participant: "bob")) }
        #expect(try RoomJournal.read(path) == [.joined(participant: "ann"), .joined(participant: "bob")])
    }

    @Test func aBrokenLineInTheMiddleIsAnErrorNamingIt() throws {
        let path = folder + "/m.room-journal"
        try Data("{\"allowance\":{\"_0\":4}}\nnonsense\n{\"votesLanded\":{}}\n".utf8).write(
            to: URL(fileURLWithPath: path))
        #expect {
            try RoomJournal.read(path)
        } throws: { "\($0)".contains("m.room-journal:2:1") }
    }

    @Test func aPlantedSymlinkIsNeverFollowed() throws {
        let victim = folder + "/victim"
        try Data("keep".utf8).write(to: URL(fileURLWithPath: victim))
        let path = folder + "/m.room-journal"
        #expect(symlink(victim, path) == 0)
        #expect(throws: RoomJournal.Failure.self) { try RoomJournal(path: path) }
        #expect(throws: RoomJournal.Failure.self) { try RoomJournal.read(path) }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep")
    }
}

extension RoomJournalTests {
    @Test func oneRoomAMap() throws {
        let path = folder + "/m.room-journal"
        let first = try RoomJournal(path: path)
        #expect(throws: RoomJournal.Failure.self) { try RoomJournal(path: path) }
        withExtendedLifetime(first) {}
    }
}
