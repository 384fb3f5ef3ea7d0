import Contracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FunctionClients
import LambdaRuntime
import MarketLogic

// market-analysis: quotes-table stream → SMA-5/SMA-20 crosses → BUY/SELL alerts on SNS.
// Configuration first (a wrong environment is reported as such), then one AWS context per cold
// start; a missing region or credentials ends the cold start in init/error.

guard let runtime = try? LambdaRuntime.fromEnvironment() else {
    LambdaProcess.notInLambda()
}
let outcome = await runtime.run(MarketStreamFunctions.analysis) {
    let environment = ProcessInfo.processInfo.environment
    let config = try MarketAnalysisConfig(environment: environment)
    let aws = try FunctionAWS.context(environment: environment)
    return MarketAnalysisHandler(quotes: DynamoDBQuoteStore(context: aws, table: config.quotesTable),
                                 ledger: DynamoDBAlertLedger(context: aws, table: config.quotesTable),
                                 publisher: SNSAlertPublisher(context: aws, topicArn: config.alertTopicArn))
}
LambdaProcess.exit(outcome.exitCode)
