import StackAWS
import StackCore
import StackTemplate
import TestSupport
import XCTest

/// The tweet-sentiment estate's saved analyses over the enriched tweets (ticker, date, label, score).
final class NamedQueryTests: XCTestCase {
    private let catalog = GlueDatabase("Catalog", name: "tweets")
    private let workgroup = AthenaWorkGroup("Queries", name: "sentiment", resultsLocation: "s3://test-results/athena/")

    /// Positive, negative and neutral tweets and the mean confidence, per ticker and day.
    static let sentimentPerTickerPerDay = """
        SELECT ticker, "date", label, count(*) AS tweets, avg(score) AS mean_score
        FROM enriched_tweets
        GROUP BY ticker, "date", label
        ORDER BY "date" DESC, ticker, label
        """

    /// Tickers by net sentiment (positive minus negative share), the most positive first.
    static let mostPositiveAndNegativeTickers = """
        SELECT ticker,
               count_if(label = 'positive') AS positive,
               count_if(label = 'negative') AS negative,
               (count_if(label = 'positive') - count_if(label = 'negative')) / CAST(count(*) AS double) AS net_sentiment
        FROM enriched_tweets
        GROUP BY ticker
        ORDER BY net_sentiment DESC
        """

    @StackBuilder private func sentimentEstate() -> StackBody {
        let tweets = Bucket("Tweets")
        tweets
        catalog
        workgroup
        GlueTable("Enriched", database: catalog, name: "enriched_tweets", location: "s3://\(tweets.name)/enriched/", format: .json,
                  columns: [Column("ticker", .string), Column("date", .date), Column("label", .string), Column("score", .double)])
        AthenaNamedQuery("SentimentPerTickerPerDay", workGroup: workgroup, database: catalog,
                         query: .string(Self.sentimentPerTickerPerDay), description: "sentiment per ticker per day")
        AthenaNamedQuery("TickersBySentiment", workGroup: workgroup, database: catalog,
                         query: .string(Self.mostPositiveAndNegativeTickers), name: "most-positive-and-negative-tickers")
        // SQL naming another construct: the bucket's name is interpolated.
        AthenaNamedQuery("EnrichedFiles", workGroup: workgroup, database: catalog,
                         query: "SELECT \"$path\", count(*) FROM enriched_tweets WHERE \"$path\" LIKE 's3://\(tweets.name)/enriched/%' GROUP BY 1")
    }

    func testSentimentAnalysesAreSavedInTheWorkGroup() throws {
        let template = try template { sentimentEstate() }
        let perDay = try XCTUnwrap(template.resources["SentimentPerTickerPerDay"])
        XCTAssertEqual(perDay.type, "AWS::Athena::NamedQuery")
        XCTAssertEqual(perDay.properties, [
            "Name": "SentimentPerTickerPerDay",
            "Database": .ref("Catalog"),
            "WorkGroup": .ref("Queries"),
            "QueryString": .string(Self.sentimentPerTickerPerDay),
            "Description": "sentiment per ticker per day",
        ])
        let ranking = try XCTUnwrap(template.resources["TickersBySentiment"]?.properties)
        XCTAssertEqual(ranking["Name"], "most-positive-and-negative-tickers")
        XCTAssertNil(ranking["Description"])
        XCTAssertEqual(ranking["QueryString"], .string(Self.mostPositiveAndNegativeTickers))
    }

    func testQueryInterpolatesConstructReferences() throws {
        let estate = try template { sentimentEstate() }
        // The bucket's name is a literal (explicit physical name), so the SQL is one string.
        XCTAssertEqual(estate.resources["EnrichedFiles"]?.properties["QueryString"],
                       "SELECT \"$path\", count(*) FROM enriched_tweets WHERE \"$path\" LIKE 's3://test-test-tweets-123456789012/enriched/%' GROUP BY 1")
        let function = BareFunction("Report")
        let joined = try template {
            function; catalog; workgroup
            AthenaNamedQuery("Q", workGroup: workgroup, database: catalog, query: "SELECT '\(function.ref())' AS fn")
        }
        XCTAssertEqual(joined.resources["Q"]?.properties["QueryString"], .join("", ["SELECT '", .ref("Report"), "' AS fn"]))
    }

    func testSentimentEstatePassesCfnLint() throws {
        assertLintClean(["sentiment": try template { sentimentEstate() }])
    }

    func testEmptyQuery() {
        let errors = synthesisErrors { catalog; workgroup; AthenaNamedQuery("Q", workGroup: workgroup, database: catalog, query: "  \n") }
        XCTAssertEqual(errors, [Diagnostic(.error, path: "Test/Q", property: "query", code: "invalid-named-query",
                                           message: "the query is empty",
                                           hint: "write the SQL, e.g. \"SELECT * FROM \\(table.name) LIMIT 10\"")])
    }

    func testQueryOverAthenaLimit() {
        let sql = "SELECT 1 -- " + String(repeating: "x", count: 262_144 - 11)
        XCTAssertEqual(sql.utf8.count, 262_145)
        XCTAssertNoThrow(try template { catalog; workgroup; AthenaNamedQuery("Q", workGroup: workgroup, database: catalog, query: .string(String(sql.dropLast()))) },
                         "262,144 bytes is allowed")
        let errors = synthesisErrors { catalog; workgroup; AthenaNamedQuery("Q", workGroup: workgroup, database: catalog, query: .string(sql)) }
        XCTAssertEqual(errors, [Diagnostic(.error, path: "Test/Q", property: "query", code: "invalid-named-query",
                                           message: "the query is 262145 bytes; Athena allows 262144",
                                           hint: "split it into several named queries, or save the long part as a view")])
    }

    func testNameAndDescriptionLimits() {
        let long = synthesisErrors {
            catalog; workgroup
            AthenaNamedQuery("Q", workGroup: workgroup, database: catalog, query: "SELECT 1", name: String(repeating: "n", count: 129),
                             description: String(repeating: "d", count: 1025))
        }
        XCTAssertEqual(long, [
            Diagnostic(.error, path: "Test/Q", property: "name", code: "invalid-named-query",
                       message: "the query name is 129 bytes; Athena allows 1 to 128", hint: "pass name: with 1 to 128 characters"),
            Diagnostic(.error, path: "Test/Q", property: "description", code: "invalid-named-query",
                       message: "the description is 1025 characters; Athena allows 1 to 1024", hint: "shorten it"),
        ])
        let empty = synthesisErrors {
            catalog; workgroup
            AthenaNamedQuery("Q", workGroup: workgroup, database: catalog, query: "SELECT 1", name: "", description: "")
        }
        XCTAssertEqual(empty.map(\.property), ["name", "description"])
        XCTAssertEqual(empty.last?.hint, "leave description out")
    }
}
