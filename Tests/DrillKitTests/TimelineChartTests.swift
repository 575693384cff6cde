import DrillKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The run timeline's inject markers, read back from the SVG the HTML report embeds.
@Suite("Timeline chart: inject markers and their labels")
struct TimelineChartTests {
    /// One inject marker as drawn: its lane, its box, and its label's text and estimated box.
    struct DrawnMarker {
        var lane: Double
        var left: Double
        var right: Double
        var label = ""
        var labelX = 0.0
        var title = ""
        /// The label's box at the lane's 10 px bold type, estimated as the chart does (6.6 px a character: wider than drawn).
        var labelLeft: Double { labelX - Double(label.count) * 3.3 }
        var labelRight: Double { labelX + Double(label.count) * 3.3 }
    }

    /// Reads every `<g class="inject …">` of an SVG: its circle or rect, its text and its title.
    final class MarkerReader: NSObject, XMLParserDelegate {
        var markers: [DrawnMarker] = []
        private var inMarker = false
        private var element = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            element = name
            if name == "g", attributes["class"]?.hasPrefix("inject") == true {
                inMarker = true
                markers.append(DrawnMarker(lane: 0, left: 0, right: 0))
            }
            guard inMarker else { return }
            let number = { (key: String) in Double(attributes[key] ?? "") ?? .nan }
            switch name {
            case "circle":
                markers[markers.count - 1].lane = number("cy")
                markers[markers.count - 1].left = number("cx") - number("r")
                markers[markers.count - 1].right = number("cx") + number("r")
            case "rect":
                markers[markers.count - 1].lane = number("y") + number("height") / 2
                markers[markers.count - 1].left = number("x")
                markers[markers.count - 1].right = number("x") + number("width")
            case "text":
                markers[markers.count - 1].labelX = number("x")
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard inMarker else { return }
            if element == "text" { markers[markers.count - 1].label += string }
            if element == "title" { markers[markers.count - 1].title += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "g" { inMarker = false }
            element = ""
        }
    }

    static func entries(_ hours: [Double]) throws -> [TimelineEntry] {
        let json = hours.enumerated().map { #"{"seq": \#($0.offset + 1), "simulatedHours": \#($0.element), "kind": "inject", "text": "Inject \#($0.offset + 1)"}"# }
        return try JSONDecoder().decode([TimelineEntry].self, from: Data(("[" + json.joined(separator: ",") + "]").utf8))
    }

    static func markers(_ runs: [[Double]]) throws -> [DrawnMarker] {
        let lanes = try runs.enumerated().map { (label: "run \($0.offset)", entries: try entries($0.element), deadlines: [DeadlineReview]()) }
        let svg = SVGChart.timeline(lanes, title: "t").rendered
        let reader = MarkerReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "the SVG is well-formed XML")
        return reader.markers
    }

    @Test("Close injects never draw overlapping markers or labels, and every inject is still numbered and named", arguments: [
        [0, 0.05, 0.1, 0.15, 1, 1.02, 5, 5.5, 6, 24],
        [0, 0.5, 1, 1.5, 2, 2.5, 3, 30, 30.2, 30.4, 72],
        (0..<40).map { Double($0) * 0.1 },
        (0..<12).map { Double($0) * 6 },
        [0, 1, 2],
    ])
    func markersNeverOverlap(_ hours: [Double]) throws {
        let markers = try Self.markers([hours, hours.map { $0 + 0.3 }])
        let lanes = Dictionary(grouping: markers, by: \.lane)
        #expect(lanes.count == 2)
        for (_, lane) in lanes {
            let sorted = lane.sorted { $0.left < $1.left }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(a.right <= b.left, "markers \(a.label) and \(b.label) overlap")
                #expect(a.labelRight <= b.labelLeft, "labels \(a.label) and \(b.label) overlap")
            }
            for marker in lane {
                #expect(marker.labelLeft >= marker.left - 1 && marker.labelRight <= marker.right + 1, "label \(marker.label) spills out of its marker")
            }
            // Every inject is numbered once, in order, and named in its marker's tooltip.
            let numbers = sorted.flatMap { marker -> [Int] in
                let bounds = marker.label.split(separator: "–").compactMap { Int($0) }
                return bounds.count == 2 ? Array(bounds[0]...bounds[1]) : bounds
            }
            #expect(numbers == Array(1...hours.count))
            for number in numbers {
                #expect(sorted.contains { $0.title.contains("\(number). Inject \(number)") })
            }
        }
    }

    @Test("Injects far apart keep one round marker each, where they happened")
    func spreadInjectsStayApart() {
        let markers = SVGChart.injectMarkers([100, 140, 300], from: 50, to: 758)
        #expect(markers.map(\.label) == ["1", "2", "3"])
        #expect(markers.map(\.x) == [100, 140, 300])
        #expect(markers.allSatisfy { $0.width == 16 })
        let merged = SVGChart.injectMarkers([300, 305, 310, 500], from: 50, to: 758)
        #expect(merged.map(\.label) == ["1–3", "4"])
        #expect(merged.first?.x == 305)
    }
}
