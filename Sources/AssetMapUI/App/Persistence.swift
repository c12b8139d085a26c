import Foundation
import AssetMapCore

// The app's persistence: saving (to the file, as a new copy, over a change on disk), writing an export,
// reloading, and merging a change on disk. Every byte goes through `AppEnvironment`, every save through
// `MapFile.save` (locked, atomic, checked against what was read).

extension AssetMapApp {
    mutating func save(thenQuit: Bool) {
        guard !isReadOnly else {
            message = session.readOnlyMessage
            return
        }
        if session.savesAsCopy {
            dialog = TextPrompt(
                title: "Save your copy", detail: "The example stays as it is. Save your copy as:", text: "walsall.map"
            ) {
                text, _ in [.saveAs(text.trimmingCharacters(in: .whitespaces), thenQuit: thenQuit)]
            }
            return
        }
        write(thenQuit: thenQuit, expecting: session.fingerprint)
    }

    /// The example's first save: to a new file only; the prompt stays open when it cannot be written.
    mutating func saveAs(_ newPath: String, thenQuit: Bool) {
        guard !newPath.isEmpty else { message = "Give a file name"; return }
        guard !environment.fileExists(newPath) else {
            message = "\(newPath) already exists; choose another name"; return
        }
        let example = session.path
        (session.path, session.savesAsCopy) = (newPath, false)
        let prompt = dialog
        dialog = nil
        write(thenQuit: thenQuit, expecting: nil)
        if session.savedAt != session.undoStack.count {
            (session.path, session.savesAsCopy, dialog) = (example, true, prompt)
        }
    }

    /// Opened from the bundled example: the first save asks where to keep the copy.
    package var savesAsCopy: Bool {
        get { session.savesAsCopy }
        set { session.savesAsCopy = newValue }
    }

    /// Saves through `MapFile.save`: locked, the whole file on disk compared with what was read (unless
    /// `expecting` is nil: overwrite), atomic. A change on disk opens the reload / overwrite / cancel dialog.
    mutating func write(thenQuit: Bool, expecting: MapFile.Fingerprint? = nil) {
        do {
            session.fingerprint = try environment.save(document.data, path, expecting)
            session.savedAt = session.undoStack.count
            message = "Saved \(fileName)"
            if thenQuit { isFinished = true }
        } catch let error as MapFileError where error.kind == .changedOnDisk {
            dialog = ConflictDialog(thenQuit: thenQuit, deleted: !environment.fileExists(path))
        } catch let error as MapFileError {
            if case .locked(let pid) = error.kind {
                message =
                    "Not saved: \(pid.map { "process \($0)" } ?? "another process") is saving \(fileName); try again"
            } else {
                message = "\(fileName): \(error.message)"
            }
        } catch {
            message = "\(error)"
        }
    }

    /// An export written beside the map (the minutes) through `OutputFile`'s safe write.
    mutating func writeOutput(_ data: Data, to path: String, done: String) {
        do {
            try environment.writeOutput(data, path)
            message = done
        } catch let error as MapFileError {
            message = "Not written: \(error.message)"
        } catch {
            message = "Not written: \(path): \((error as NSError).localizedDescription)"
        }
    }

    /// Replaces the document with the file on disk, dropping unsaved edits and the undo history.
    mutating func reload() {
        do {
            let fresh = try MapDocument(data: try environment.read(path))
            session.replace(with: fresh, loadErrors: Self.errors(in: fresh))
            broadcast(.reloaded)
            broadcast(.selectionChanged)
            message = "Reloaded \(fileName) from disk"
            if session.loadErrors.hasErrors { dialog = TextDialog.errors() }
        } catch let error as MapLoadError {
            message = error.diagnostic.formatted(file: path)
        } catch {
            message = "\(path): cannot read: \((error as NSError).localizedDescription)"
        }
    }

    /// The file changed on disk: merges it into the session through the core's three-way merge, the file
    /// as loaded or last saved being the base (this session's edits undone on a copy). One undoable edit;
    /// a clean merge is saved at once, conflicts are listed to settle.
    mutating func mergeFromDisk(thenQuit: Bool) {
        guard let saved = session.savedAt, saved <= session.undoStack.count else {
            message = "Cannot merge: the version you opened is no longer in the undo history; reload or overwrite"
            return
        }
        var base = session.document
        for change in session.undoStack[saved...].reversed() { base.apply(change.inverse) }
        do {
            let data = try environment.read(path)
            let result = try session.document.merge(base: base, theirs: try MapDocument(data: data))
            guard edit({ _ in Change("merge the changes on disk", result.change.splices) }) != nil else { return }
            session.fingerprint = MapFile.fingerprint(of: path, content: data)
            if result.conflicts.isEmpty {
                write(thenQuit: thenQuit, expecting: session.fingerprint)
                message = "Merged \(result.taken) change\(result.taken == 1 ? "" : "s") from disk and saved \(fileName)"
            } else {
                dialog = MergeConflictsDialog()
                message =
                    "Merged from disk: \(result.conflicts.count) conflict\(result.conflicts.count == 1 ? "" : "s") to settle (o ours, t theirs)"
            }
        } catch let refusal as MergeRefusal {
            message =
                "Not merged: the file on disk \(refusal.diagnostic.formatted(file: fileName).dropFirst(fileName.count + 1)); reload or overwrite"
        } catch let error as MapLoadError {
            message = "Not merged: \(error.diagnostic.formatted(file: fileName))"
        } catch {
            message = "Not merged: \(error)"
        }
    }
}
