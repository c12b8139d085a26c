import Foundation
import AssetMapCore
import TerminalKit

// `E`: the map in the user's own editor at the selected record, then read again. The app only asks
// (`pendingCommand`); the backend puts the screen away, runs the editor and calls `commandFinished`.

extension AssetMapApp {
    /// `$EDITOR`, else `$VISUAL`, else `vi`, through the shell as git does (so `EDITOR="code --wait"`
    /// works), with `+LINE` (1-based), the convention of vi, nano, emacs and most others.
    static func editorCommand(variables: [String: String], path: String, line: Int) -> ExternalCommand {
        let editor =
            ["EDITOR", "VISUAL"].lazy.compactMap { variables[$0] }
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
        return ExternalCommand([
            "/bin/sh", "-c", "\(editor) \"$@\"", editor, "+\(max(1, line))", Escaping.notAnOption(path),
        ])
    }

    /// Asks for the editor at `line` (0-based; nil: the top). Unsaved edits are saved first (the editor
    /// changes the file, and the map is read again after it); the bundled example is never edited.
    mutating func openEditor(atLine line: Int?) {
        if session.savesAsCopy {
            message = "The example opens as a copy: save your copy first (s), then E edits it"
            return
        }
        if hasUnsavedChanges {
            dialog = ConfirmDialog(
                question: "Save your changes to \(fileName) before opening it in the editor?",
                yes: [.save(thenQuit: false), .later { $0.hasUnsavedChanges ? [] : [.openEditor(line: line)] }],
                no: [.message("Not opened: save (s) or undo your changes first")])
            return
        }
        pendingCommand = Self.editorCommand(variables: environment.variables, path: path, line: (line ?? 0) + 1)
    }

    /// The editor is done: the map is read again through the normal load (its errors listed, the session
    /// read-only, when it has any; nothing is written).
    package mutating func commandFinished(_ outcome: CommandOutcome) {
        guard let command = pendingCommand else { return }
        pendingCommand = nil
        let editor = command.arguments.count > 3 ? command.arguments[3] : "the editor"
        switch outcome {
        case .failedToStart(let reason):
            message = "Could not start \(editor): \(reason)"
            return
        case .exited(127):
            // The shell's answer for a command it cannot find.
            message = "Could not start \(editor): not found; set EDITOR to your editor"
            return
        default: break
        }
        let unchanged =
            (try? environment.read(path)).map { MapFile.fingerprint(of: path, content: $0) }
            .flatMap { now in session.fingerprint.map { now.hasSameContent(as: $0) } } ?? false
        if unchanged && !session.loadErrors.hasErrors {
            message = "No change to \(fileName)"
        } else {
            reload()
            if !session.loadErrors.hasErrors { message = "Reloaded \(fileName) after \(editor)" }
        }
        switch outcome {
        case .exited(0), .failedToStart: break
        case .exited(let status): message = "\(editor) exited with status \(status); \(message ?? "")"
        case .signalled(let signal): message = "\(editor) was stopped by signal \(signal); \(message ?? "")"
        }
    }
}
