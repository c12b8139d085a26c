/// Everything a key can ask the app to do. Keys map to actions through `Keymap.table` only.
package enum Action: Hashable, Sendable {
    // Anywhere outside prompts
    case quit, save, undo, redo, help, search, nextMatch, previousMatch, showErrors, openEditor
    case switchTab(Tab)
    // Moving around
    case up, down, left, right, pageUp, pageDown, home, end, nextPane, previousPane, enter, back
    // Editing the selected node
    case addNode, rename, changeID, editAttributes, link, delete
    /// The map's own title and area.
    case editHeader
    // Prompts and dialogs
    case accept, cancel, yes, no, swapDirection, newline, toggle
    case saveAndQuit, discardAndQuit, reload, overwrite, mergeFromDisk
    // Merge conflicts (conflict: lines)
    case showConflicts, keepOurs, keepTheirs
    case addAttribute, removeAttribute
    // Text fields
    case cursorLeft, cursorRight, lineStart, lineEnd, deleteBackward, deleteForward, clearLine
    // Tables that sort (Insights' barrier table): the next column, the other direction
    case sortNext, sortReverse
    // The Review tab's own actions (ReviewView.swift)
    case review(ReviewAction)
}
