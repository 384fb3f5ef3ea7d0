import StackAWS
import StackCore
import StackTemplate
import XCTest

/// A secret is created holding a generated placeholder (its value is put out of band by `secret put`),
/// named deterministically, encrypted with the stack's key where there is one, retained with the data,
/// and read through one least-privilege grant.
final class SecretTests: XCTestCase {
    static var keyed: StackSettings {
        var settings = StackSettings.testing
        settings.customerManagedKey = true
        return settings
    }

    func testDefaultSecretHoldsAGeneratedPlaceholderUnderTheEnvironmentsPrefix() throws {
        let template = try XCTUnwrap(synthesize { Secret("ApiKeys", description: "keys of the scraper") })
        let secret = try XCTUnwrap(template.resource("ApiKeys"))
        XCTAssertEqual(secret.type, "AWS::SecretsManager::Secret")
        XCTAssertEqual(secret.properties, [
            "Name": "test-test-api-keys",
            "GenerateSecretString": ["ExcludePunctuation": true, "PasswordLength": 32],
            "Description": "keys of the scraper",
        ])
        XCTAssertNil(secret.properties["SecretString"], "a value never appears in a template")
        XCTAssertEqual(secret.constructPath, "Test/ApiKeys")
        XCTAssertEqual(secret.deletionPolicy, .delete)
        XCTAssertEqual(template.resources.count, 1, "no key without customerManagedKey")
        XCTAssertEqual(Secret("ApiKeys").arn, ref("ApiKeys"), "Ref is the full ARN")
    }

    func testRetainedAndEncryptedWithTheStacksKeyWhereTheEnvironmentSaysSo() throws {
        let template = try XCTUnwrap(synthesize(.hardened) { Secret("ApiKeys", name: "tweets/x-api") })
        let secret = try XCTUnwrap(template.resource("ApiKeys"))
        XCTAssertEqual(secret.properties["Name"], "tweets/x-api")
        XCTAssertEqual(secret.properties["KmsKeyId"], .getAtt("DataKey", "Arn"))
        XCTAssertEqual(secret.deletionPolicy, .retain)
        XCTAssertEqual(secret.updateReplacePolicy, .retain)
        XCTAssertEqual(template.resources["DataKey"]?.type, "AWS::KMS::Key")
    }

    func testReadGrantsGetSecretValueAndDescribeSecretOnTheFullArn() throws {
        let template = try XCTUnwrap(synthesizeLambda {
            let keys = Secret("ApiKeys")
            keys
            Function("Fn", product: "fn") { Allow(keys.read) }
        })
        XCTAssertEqual(policyStatements(template, "Fn"), [
            logsStatement("Fn"),
            statement(["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], .ref("ApiKeys")),
        ])
    }

    func testWithACustomerKeyReadAlsoDecryptsButOnlyThroughSecretsManager() throws {
        let template = try XCTUnwrap(synthesizeLambda(Self.keyed) {
            let keys = Secret("ApiKeys")
            keys
            Function("Fn", product: "fn") { Allow(keys.read) }
        })
        let statements = policyStatements(template, "Fn")
        XCTAssertTrue(statements.contains(statement(["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], .ref("ApiKeys"))),
                      "\(statements)")
        XCTAssertTrue(statements.contains(statement(
            ["kms:Decrypt"], .getAtt("DataKey", "Arn"),
            condition: ["StringEquals": ["kms:ViaService": .join("", ["secretsmanager.", .region, ".amazonaws.com"])]])), "\(statements)")
        XCTAssertEqual(statements.filter { $0["Action"] == "kms:Decrypt" }.count, 1, "\(statements)")
    }

    func testAnInvalidNameIsADiagnosticWithPathAndHint() {
        assertDiagnostic(failures { Secret("ApiKeys", name: "x tokens!") }, code: "invalid-secret-name", path: "Test/ApiKeys",
                         property: "name",
                         message: "secret name 'x tokens!' contains ' '; only letters, digits and '/', '_', '+', '=', '.', '@', '-' are allowed")
        let long = String(repeating: "a", count: 513)
        assertDiagnostic(failures { Secret("ApiKeys", name: long) }, code: "invalid-secret-name", path: "Test/ApiKeys",
                         property: "name", message: "secret name '\(long)' must be 1 to 512 characters long (it has 513)")
        XCTAssertEqual(failures { Secret("ApiKeys", name: "") }.first?.hint, "use 1–512 letters, digits and / _ + = . @ -")
    }

    func testANameEndingLikeAnARNSuffixIsAWarning() {
        // `ScraperTokens` → `...-scraper-tokens`: "-tokens" looks like the six random characters of a secret ARN.
        assertDiagnostic(warnings { Secret("ScraperTokens") }, .warning, code: "invalid-secret-name", path: "Test/ScraperTokens",
                         property: "name",
                         message: "secret name 'test-test-scraper-tokens' ends in '-tokens', a hyphen and six characters, like the random "
                             + "suffix Secrets Manager adds to ARNs: a partial-ARN lookup may find the wrong secret")
        XCTAssertTrue(warnings { Secret("ScraperTokens", name: "test/scraper-tokens-1") }.isEmpty)
    }
}
