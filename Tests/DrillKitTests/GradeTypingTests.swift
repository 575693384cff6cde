import DrillKit
import Testing

@Suite("Grades as a facilitator types them")
struct GradeTypingTests {
    @Test("A letter, in either case, then an optional comment", arguments: [
        ("m", DrillSession.Grade.met, ""), ("P covers the DPA clock", .partly, "covers the DPA clock"),
        ("  x   forgot legal  ", .missed, "forgot legal"), ("mnot spaced", .met, "not spaced"),
    ])
    func typed(_ line: String, _ grade: DrillSession.Grade, _ comment: String) throws {
        let parsed = try #require(DrillSession.Grade.typed(line))
        #expect(parsed.grade == grade)
        #expect(parsed.comment == comment)
    }

    @Test("Anything else is not a grade", arguments: ["", "   ", "y", "1", "é", "?"])
    func notAGrade(_ line: String) {
        #expect(DrillSession.Grade.typed(line) == nil)
    }
}
