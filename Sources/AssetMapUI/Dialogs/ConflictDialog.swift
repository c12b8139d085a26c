import AssetMapCore
import TerminalKit

extension Scope {
    static let conflict = Scope("conflict", title: "File changed on disk")
}

/// Saving when the file changed on disk since it was opened or saved: merge, reload, overwrite or cancel.
struct ConflictDialog: Dialog {
    static let bindings: [Binding] = [
        Binding(
            keys: [.char("r")], action: .reload, scopes: [.conflict],
            help: "reload the file from disk (drops your changes)", hint: "reload"),
        Binding(
            keys: [.char("m")], action: .mergeFromDisk, scopes: [.conflict],
            help: "merge: keep your edits and take the changes on disk, record by record", hint: "merge"),
        Binding(
            keys: [.char("o")], action: .overwrite, scopes: [.conflict], help: "overwrite the file with your version",
            hint: "overwrite"),
        Binding(keys: [.char("c"), .escape], action: .cancel, scopes: [.conflict], help: "cancel", hint: "cancel"),
    ]

    var thenQuit: Bool
    /// The file is gone (deleted, or moved away): overwriting writes it again.
    var deleted = false
    var scopes: [Scope] { [.conflict] }

    func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        switch action {
        case .reload where deleted:
            return [.message("Nothing to reload: \(session.fileName) is gone (o writes it again)")]
        case .reload: return [.dismiss, .reload]
        case .mergeFromDisk where deleted:
            return [.message("Nothing to merge: \(session.fileName) is gone (o writes it again)")]
        case .mergeFromDisk: return [.dismiss, .mergeFromDisk(thenQuit: thenQuit)]
        case .overwrite: return [.dismiss, .overwrite(thenQuit: thenQuit)]
        case .cancel: return [.dismiss, .message("Not saved: \(session.fileName) changed on disk")]
        default: return []
        }
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let inner = Widgets.dialog(title: "File changed on disk", width: 70, height: deleted ? 5 : 6, into: &buffer)
        let what = deleted ? "was deleted or moved away" : "changed on disk"
        buffer.put(
            TextWidth.truncate("\(session.fileName) \(what) since it was opened or saved.", to: inner.width),
            x: inner.x, y: inner.y, style: session.theme[.heading])
        if deleted {
            buffer.put("o write your version there again", x: inner.x, y: inner.y + 1)
            buffer.put("c cancel", x: inner.x, y: inner.y + 2)
        } else {
            buffer.put("m merge: keep your edits and take theirs, record by record", x: inner.x, y: inner.y + 1)
            buffer.put("r reload from disk (drops your changes)", x: inner.x, y: inner.y + 2)
            buffer.put("o overwrite with your version   c cancel", x: inner.x, y: inner.y + 3)
        }
    }
}
