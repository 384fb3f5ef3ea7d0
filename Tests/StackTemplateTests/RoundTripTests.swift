import XCTest
@testable import StackTemplate

final class RoundTripTests: XCTestCase {
    func testRichTemplateThroughYAML() throws {
        let t = Fixtures.rich
        let yaml = try YAMLRenderer.render(t)
        XCTAssertEqual(try TemplateParser.parse(yaml), t)
    }

    func testRichTemplateThroughJSON() throws {
        let t = Fixtures.rich
        XCTAssertEqual(try TemplateParser.parse(JSONRenderer.render(t)), t)
        XCTAssertEqual(try TemplateParser.parse(JSONRenderer.render(t, pretty: false)), t)
    }

    func testDeployableTemplateRoundTrips() throws {
        let t = Fixtures.deployable
        XCTAssertEqual(try TemplateParser.parse(YAMLRenderer.render(t)), t)
        XCTAssertEqual(try TemplateParser.parse(JSONRenderer.render(t, pretty: false)), t)
    }

    func testJSONTextReadAsYAMLGivesTheSameTemplate() throws {
        // JSON is YAML: the YAML path must agree with the fast JSON path.
        let json = try JSONRenderer.render(Fixtures.rich)
        let viaYAML = try TemplateDecoder.template(YAMLSourceReader.read(json))
        XCTAssertEqual(viaYAML, Fixtures.rich)
    }

    func testRenderingIsStable() throws {
        let t = Fixtures.rich
        XCTAssertEqual(try YAMLRenderer.render(t), try YAMLRenderer.render(t))
        XCTAssertEqual(try JSONRenderer.render(t), try JSONRenderer.render(t))
        // Parsing and rendering again gives the same bytes.
        XCTAssertEqual(try YAMLRenderer.render(TemplateParser.parse(YAMLRenderer.render(t))), try YAMLRenderer.render(t))
    }

    func testInsertionOrderDoesNotMatter() throws {
        let keys = (0..<200).map { "Key\($0 * 7919 % 200)" } + ["a", "B", "_", "Z9", "ä", "é", "10"]
        var forward: [String: TemplateValue] = [:]
        for key in keys { forward[key] = .string(key) }
        var backward: [String: TemplateValue] = [:]
        backward.reserveCapacity(1000)  // a different capacity gives a different iteration order
        for key in keys.reversed() { backward[key] = .string(key) }
        XCTAssertNotEqual(Array(forward.keys), Array(backward.keys), "test needs two iteration orders")

        func template(_ fields: [String: TemplateValue]) -> Template {
            var resources: [String: Resource] = [:]
            for key in fields.keys { resources["R" + key.filter(\.isLetter) + "\(key.utf8.count)"] = Resource(type: "T::T", properties: TemplateMap(fields)) }
            return Template(metadata: fields, mappings: ["M": .map(fields)], resources: resources)
        }
        let a = template(forward)
        let b = template(backward)
        XCTAssertEqual(a, b)
        XCTAssertEqual(Array(try YAMLRenderer.render(a).utf8), Array(try YAMLRenderer.render(b).utf8))
        XCTAssertEqual(try JSONRenderer.renderBytes(a), try JSONRenderer.renderBytes(b))

        // Keys come out in plain String `<` order.
        let rendered = try JSONRenderer.render(.map(forward), pretty: false)
        let positions = keys.sorted().map { rendered.range(of: "\"\($0)\":")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
    }
}
