# A fake AWS endpoint (STS, CloudFormation, S3 HEAD/PUT) on 127.0.0.1:PORT whose stack update never
# finishes: InterruptTests runs the real stackctl binary against it and presses Ctrl-C during the watch.
# The bootstrap stack exists, every asset is already uploaded, and after ExecuteChangeSet the stack
# stays UPDATE_IN_PROGRESS. Usage: python3 slow_update_endpoint.py PORT
import http.server, urllib.parse, sys
NS='xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"'
calls={"DescribeStacks":0}
def stack(name,status):
    return f'<DescribeStacksResponse {NS}><DescribeStacksResult><Stacks><member><StackName>{name}</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/{name}/1</StackId><StackStatus>{status}</StackStatus><EnableTerminationProtection>false</EnableTerminationProtection></member></Stacks></DescribeStacksResult></DescribeStacksResponse>'
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self,*a): pass
    def reply(self,code,body=""):
        b=body.encode(); self.send_response(code); self.send_header("Content-Type","text/xml"); self.send_header("Content-Length",str(len(b))); self.end_headers(); self.wfile.write(b)
    def do_HEAD(self): self.reply(200)
    def do_PUT(self): self.reply(200)
    def do_POST(self):
        n=int(self.headers.get("Content-Length","0")); f=dict(urllib.parse.parse_qsl(self.rfile.read(n).decode()))
        a=f.get("Action"); s=f.get("StackName","")
        if a=="GetCallerIdentity": return self.reply(200,"<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/x</Arn><UserId>u</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")
        if a=="DescribeStacks":
            if "bootstrap" in s: return self.reply(200,stack(s,"CREATE_COMPLETE"))
            calls["DescribeStacks"]+=1
            return self.reply(200,stack("mkt-local-MarketStream","UPDATE_COMPLETE" if calls["DescribeStacks"]==1 else "UPDATE_IN_PROGRESS"))
        if a=="CreateChangeSet": return self.reply(200,f"<CreateChangeSetResponse><CreateChangeSetResult><Id>arn:cs/1</Id><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/mkt-local-MarketStream/1</StackId></CreateChangeSetResult></CreateChangeSetResponse>")
        if a=="DescribeChangeSet": return self.reply(200,"<DescribeChangeSetResponse><DescribeChangeSetResult><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/mkt-local-MarketStream/1</StackId><Changes><member><ResourceChange><Action>Modify</Action><LogicalResourceId>Processing</LogicalResourceId><ResourceType>AWS::Lambda::Function</ResourceType><Replacement>False</Replacement></ResourceChange></member></Changes></DescribeChangeSetResult></DescribeChangeSetResponse>")
        if a=="GetTemplate": return self.reply(200,"<GetTemplateResponse><GetTemplateResult><TemplateBody>{}</TemplateBody></GetTemplateResult></GetTemplateResponse>")
        if a=="DescribeStackEvents": return self.reply(200,"<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents><member><EventId>e1</EventId><StackName>mkt-local-MarketStream</StackName><LogicalResourceId>mkt-local-MarketStream</LogicalResourceId><ResourceType>AWS::CloudFormation::Stack</ResourceType><Timestamp>2026-11-23T10:00:00Z</Timestamp><ResourceStatus>UPDATE_IN_PROGRESS</ResourceStatus></member></StackEvents></DescribeStackEventsResult></DescribeStackEventsResponse>" if calls["DescribeStacks"]>1 else "<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents/></DescribeStackEventsResult></DescribeStackEventsResponse>")
        if a=="ExecuteChangeSet": return self.reply(200,"<ExecuteChangeSetResponse/>")
        self.reply(400,f"<ErrorResponse><Error><Code>Unexpected</Code><Message>{a}</Message></Error></ErrorResponse>")
server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H)
print("ready", flush=True)
server.serve_forever()
