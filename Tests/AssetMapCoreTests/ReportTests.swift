import Testing
@testable import AssetMapCore

@Suite struct ReportTests {
    let report = ReviewReport.markdown(MapDocument(text: reviewMap).graph, since: "2026-10-01", today: "2026-11-22")

    /// The lines from `## title` up to the next `## ` heading.
    func section(_ title: String, in text: String? = nil) -> [String] {
        let lines = (text ?? report).components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "## \(title)") else { return ["missing section \(title)"] }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
        return Array(lines[(start + 1)..<end]).filter { !$0.isEmpty }
    }

    @Test func titleAndFacts() {
        #expect(report.hasPrefix("""
            # Review minutes: Test borough

            - Area: Testham
            - Date: 2026-11-22
            - Barriers: 4

            """))
        #expect(report.hasSuffix("\n") && !report.hasSuffix("\n\n"))
    }

    @Test func countsByStatusInVocabularyOrder() {
        #expect(section("Barriers by status") == ["- open: 2", "- discussed: 1", "- agreed: 1"])
    }

    @Test func quickWins() {
        #expect(section("Quick wins (high impact, low effort)") == ["- **Asked for proof of address** (proof): 9 votes"])
    }

    @Test func barriersByPriority() {
        #expect(section("Barriers by priority") == [
            "### Quick wins (high impact, low effort)",
            "- **Asked for proof of address** (proof): agreed, 9 votes",
            "  - Affects: Refugees and people seeking asylum; Roma, Gypsy and Traveller communities",
            "  - Clinical: hypertension, cancer",
            "  - Improvements: Registration cards (proposed)",
            "### Major projects (high impact, high effort)",
            "- **Moved between hotels** (hotels): open, 5 votes",
            "  - Affects: Refugees and people seeking asylum",
            "  - Clinical: maternity, smi",
            "  - Improvements: none yet",
            "### Fill-ins (low impact, low effort)",
            "- **Bus fares** (fares): discussed, 7 votes",
            "  - Affects: no community linked",
            "  - Improvements: none yet",
            "### Unrated (impact or effort not set)",
            "- **No interpreter by phone** (interpreter): open, 3 votes",
            "  - Affects: Roma, Gypsy and Traveller communities",
            "  - Clinical: maternity",
            "  - Improvements: none yet",
        ])
    }

    @Test func actionsByDueDateWithOverdueFlagged() {
        #expect(section("Actions") == [
            "- **Asked for proof of address** (proof): owner Primary care team, due 2026-11-15 (**overdue**)",
            "- **Bus fares** (fares): owner Trust, due 2027-01-31",
        ])
        // Resolved or parked actions are not overdue.
        let resolved = ReviewReport.markdown(MapDocument(text: reviewMap.replacingOccurrences(of: "status: agreed", with: "status: resolved")).graph, today: "2026-11-22")
        #expect(section("Actions", in: resolved).first == "- **Asked for proof of address** (proof): owner Primary care team, due 2026-11-15")
    }

    @Test func notesSinceADate() {
        #expect(section("Notes since 2026-10-01") == ["- 2026-10-14, **Asked for proof of address** (proof): Agreed: register without proof."])
        let all = ReviewReport.markdown(MapDocument(text: reviewMap).graph, today: "2026-11-22")
        #expect(section("Notes", in: all) == [
            "- 2026-09-16, **Asked for proof of address** (proof): Heard from three communities.",
            "- 2026-10-14, **Asked for proof of address** (proof): Agreed: register without proof.",
        ])
        let none = ReviewReport.markdown(MapDocument(text: reviewMap).graph, since: "2026-11-01", today: "2026-11-22")
        #expect(section("Notes since 2026-11-01", in: none) == ["None."])
    }

    @Test func barriersNoImprovementAddresses() {
        #expect(section("Barriers no improvement addresses") == [
            "- **No interpreter by phone** (interpreter)",
            "- **Moved between hotels** (hotels)",
            "- **Bus fares** (fares)",
        ])
    }

    @Test func privateAttributesNeverAppear() {
        #expect(!report.contains("SECRET"))
        #expect(!report.contains("private"))
    }

    @Test func markdownInLabelsIsShownLiterally() {
        let text = reviewMap.replacingOccurrences(of: "\"Bus fares\"", with: "\"Bus *fares* [£] <b> #1 _x_ \\\\ |\"")
        let report = ReviewReport.markdown(MapDocument(text: text).graph, today: "2026-11-22")
        #expect(report.contains("- **Bus \\*fares\\* \\[£\\] \\<b\\> \\#1 \\_x\\_ \\\\ \\|** (fares)"))
    }

    @Test func emptyMap() {
        let report = ReviewReport.markdown(MapDocument(text: "").graph, today: "2026-11-22")
        #expect(report.hasPrefix("# Review minutes: Untitled map\n\n- Date: 2026-11-22\n- Barriers: 0\n"))
        #expect(section("Actions", in: report) == ["None."])
        #expect(section("Barriers by priority", in: report) == ["None."])
    }
}

@Suite struct ReportHTMLTests {
    @Test func htmlHasTheSameSectionsWithNestedListsAndEscapes() {
        let text = reviewMap.replacingOccurrences(of: "\"Bus fares\"", with: "\"Bus <fares> & \\\"more\\\" *now*\"")
        let html = ReviewReport.html(MapDocument(text: text).graph, since: "2026-10-01", today: "2026-11-22")
        let lines = html.components(separatedBy: "\n")
        #expect(lines.prefix(7) == ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
                                    "<title>Review minutes: Test borough</title>", "</head>", "<body>"])
        #expect(lines.contains("<h1>Review minutes: Test borough</h1>"))
        #expect(lines.contains("<h2>Quick wins (high impact, low effort)</h2>"))
        #expect(lines.contains("<h3>Fill-ins (low impact, low effort)</h3>"))
        #expect(lines.contains("<li><strong>Asked for proof of address</strong> (proof): owner Primary care team, due 2026-11-15 (<strong>overdue</strong>)"))
        #expect(lines.contains("<li><strong>Bus &lt;fares&gt; &amp; &quot;more&quot; *now*</strong> (fares)"))
        #expect(lines.contains("<li>Clinical: hypertension, cancer</li>"))
        #expect(!html.contains("SECRET"))
        // Every list and item that opens, closes.
        for tag in ["ul", "li", "strong", "h2", "h3"] {
            #expect(html.components(separatedBy: "<\(tag)>").count == html.components(separatedBy: "</\(tag)>").count, "unbalanced <\(tag)>")
        }
        #expect(html.hasSuffix("</body>\n</html>\n"))
    }
}
