import Foundation
import AssetMapCore

/// What the app needs from the outside world, injected so tests are deterministic.
package struct AppEnvironment: Sendable {
    /// Today as YYYY-MM-DD (for dated notes).
    package var today: @Sendable () -> String
    package var read: @Sendable (String) throws -> Data
    /// Saves the data (`MapFile.save`: locked, atomic), first checking that the file still has the
    /// content of the fingerprint given (nil: overwrite); returns the saved file's fingerprint.
    package var save: @Sendable (Data, String, MapFile.Fingerprint?) throws -> MapFile.Fingerprint
    /// Why the file may not be written (no write permission), or nil.
    package var readOnlyReason: @Sendable (String) -> String?
    /// Writes an export (the minutes) like `-o`: `OutputFile.write`, atomic and locked.
    package var writeOutput: @Sendable (Data, String) throws -> Void
    /// The process's environment variables (`EDITOR`, `VISUAL`).
    package var variables: [String: String]
    /// Whether anything is at the path (a file, a folder, a dangling link is not).
    package var fileExists: @Sendable (String) -> Bool
    /// Whether two paths name one file (a link, a hard link, another spelling of the path).
    package var isSameFile: @Sendable (String, String) -> Bool
    /// The live review room while it is open (`assetmap FILE --room`), else nil.
    package var room: (any RoomLink)?

    package init(
        today: @escaping @Sendable () -> String,
        read: @escaping @Sendable (String) throws -> Data,
        save: @escaping @Sendable (Data, String, MapFile.Fingerprint?) throws -> MapFile.Fingerprint = {
            try MapFile.save($0, to: $1, expecting: $2)
        },
        readOnlyReason: @escaping @Sendable (String) -> String? = { MapFile.readOnlyReason(of: $0) },
        writeOutput: @escaping @Sendable (Data, String) throws -> Void = { try OutputFile.write($0, to: $1) },
        variables: [String: String] = ProcessInfo.processInfo.environment,
        fileExists: @escaping @Sendable (String) -> Bool = { FileManager.default.fileExists(atPath: $0) },
        isSameFile: @escaping @Sendable (String, String) -> Bool = { OutputFile.isSameFile($0, as: $1) },
        room: (any RoomLink)? = nil
    ) {
        self.today = today
        self.read = read
        self.save = save
        self.readOnlyReason = readOnlyReason
        self.writeOutput = writeOutput
        self.variables = variables
        self.fileExists = fileExists
        self.isSameFile = isSameFile
        self.room = room
    }

    package static let live = AppEnvironment(
        today: {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_GB_POSIX")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.string(from: Date())
        },
        read: { try MapDocument.read($0) })
}
