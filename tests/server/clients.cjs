// tests/server/clients.cjs - the AWS SDK for JavaScript v3 against
// sst-emu, and against DynamoDB Local when its endpoint is given
// (tests/server/clients_js.sh installs the SDK and starts the servers).
//
//   node clients.cjs EMU_URL VERIFY_URL KEY:SECRET [DDB_LOCAL_URL]
//
// One scenario runs on each server: a table with a sparse GSI, batch
// writes, puts, gets, the SDK's query and scan paginators, updates with a
// condition that holds and one that fails, transactions (a cancellation,
// an idempotent replay), deletes, errors, the document client's
// marshalling, and DescribeLimits. Every step's answer is checked against
// the exact value expected, and the whole record of answers must be the
// same on both servers. VERIFY_URL is an sst-emu started with
// --verify-signatures and KEY:SECRET: a wrong secret and an unknown key
// get AWS's errors. Prints "ok"/"FAIL" lines; exits 1 on any failure.
"use strict";
const ddb = require("@aws-sdk/client-dynamodb");
const lib = require("@aws-sdk/lib-dynamodb");
const assert = require("node:assert/strict");

const [emuUrl, verifyUrl, keyPair, ddbUrl] = process.argv.slice(2);
const [accessKeyId, secretAccessKey] = keyPair.split(":");
let failed = 0;

function check(label, fn) {
    try {
        fn();
        console.log(`  ok   ${label}`);
    } catch (e) {
        failed++;
        console.log(`  FAIL ${label}\n       ${String(e.message).split("\n").join("\n       ")}`);
    }
}

function client(endpoint, creds) {
    return new ddb.DynamoDBClient({
        endpoint, region: "us-east-1", maxAttempts: 1,
        credentials: creds || { accessKeyId, secretAccessKey },
    });
}

// The error of a call that must fail: its name, message, status and the
// members DynamoDB adds (Item, CancellationReasons).
async function failure(c, cmd) {
    try {
        await c.send(cmd);
    } catch (e) {
        const out = { name: e.name, message: e.message, status: e.$metadata.httpStatusCode };
        if (e.Item) out.Item = e.Item;
        if (e.CancellationReasons) out.CancellationReasons = e.CancellationReasons;
        return out;
    }
    return { name: "no error" };
}

const S = (s) => ({ S: s });
const N = (n) => ({ N: String(n) });
const item = (i) => Object.assign({ pk: S("p"), sk: N(i), v: S("x".repeat(i)) },
                                  i % 2 === 0 ? { g: S("even") } : {});

// The scenario on one server; returns the record of its answers.
async function scenario(who, url) {
    const c = client(url);
    const T = `js_${process.pid}_${who.replace(/\W/g, "")}`;
    const r = {};
    const at = (label) => `${who}: ${label}`;

    const ct = await c.send(new ddb.CreateTableCommand({
        TableName: T, BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" },
                               { AttributeName: "sk", AttributeType: "N" },
                               { AttributeName: "g", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" },
                    { AttributeName: "sk", KeyType: "RANGE" }],
        GlobalSecondaryIndexes: [{
            IndexName: "byg", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }],
            Projection: { ProjectionType: "KEYS_ONLY" } }],
    }));
    r.create = { status: ct.TableDescription.TableStatus, keys: ct.TableDescription.KeySchema,
                 index: ct.TableDescription.GlobalSecondaryIndexes.map((x) => [x.IndexName, x.Projection]) };
    check(at("create-table"), () => assert.deepEqual(r.create, {
        status: "ACTIVE",
        keys: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
        index: [["byg", { ProjectionType: "KEYS_ONLY" }]] }));
    const w = await ddb.waitUntilTableExists({ client: c, maxWaitTime: 30 }, { TableName: T });
    check(at("waitUntilTableExists"), () => assert.equal(w.state, "SUCCESS"));

    const bw = await c.send(new ddb.BatchWriteItemCommand({ RequestItems: {
        [T]: [...Array(10).keys()].map((i) => ({ PutRequest: { Item: item(i) } })) } }));
    r.batch = bw.UnprocessedItems;
    check(at("batch-write 10 items"), () => assert.deepEqual(r.batch, {}));

    const put = await c.send(new ddb.PutItemCommand({ TableName: T, ReturnValues: "ALL_OLD",
        Item: { pk: S("p"), sk: N(9), v: S("nine") } }));
    r.putOld = put.Attributes;
    check(at("put-item returns ALL_OLD"), () => assert.deepEqual(r.putOld, item(9)));

    const got = await c.send(new ddb.GetItemCommand({ TableName: T, ConsistentRead: true,
        Key: { pk: S("p"), sk: N(4) } }));
    const none = await c.send(new ddb.GetItemCommand({ TableName: T, Key: { pk: S("p"), sk: N(99) } }));
    r.get = [got.Item, none.Item === undefined];
    check(at("get-item, then a missing key"), () => assert.deepEqual(r.get, [item(4), true]));

    const pages = [];
    for await (const p of ddb.paginateQuery({ client: c, pageSize: 3 }, {
        TableName: T, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": S("p") } }))
        pages.push(p.Items.map((x) => Number(x.sk.N)));
    r.queryPages = pages;
    // A page of exactly the last 3 items still has a LastEvaluatedKey
    // here only if more follow: 10 items in pages of 3 end on 1 item.
    check(at("query paginator, 3 per page"), () =>
        assert.deepEqual(r.queryPages, [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]));

    const desc = await c.send(new ddb.QueryCommand({ TableName: T, ScanIndexForward: false, Limit: 4,
        KeyConditionExpression: "pk = :p AND sk BETWEEN :a AND :b", FilterExpression: "size(v) > :n",
        ExpressionAttributeValues: { ":p": S("p"), ":a": N(2), ":b": N(8), ":n": N(5) } }));
    r.queryFilter = { items: desc.Items.map((x) => Number(x.sk.N)), count: desc.Count,
                      scanned: desc.ScannedCount, last: desc.LastEvaluatedKey };
    check(at("query backwards with a filter and Limit"), () => assert.deepEqual(r.queryFilter, {
        items: [8, 7, 6], count: 3, scanned: 4, last: { pk: S("p"), sk: N(5) } }));

    const gsi = await c.send(new ddb.QueryCommand({ TableName: T, IndexName: "byg",
        KeyConditionExpression: "g = :g", ExpressionAttributeValues: { ":g": S("even") } }));
    r.gsi = gsi.Items.map((x) => Object.keys(x).sort().join(",") + "=" + x.sk.N).sort();
    check(at("query on a sparse KEYS_ONLY index"), () => assert.deepEqual(r.gsi,
        ["g,pk,sk=0", "g,pk,sk=2", "g,pk,sk=4", "g,pk,sk=6", "g,pk,sk=8"]));

    const scanned = [];
    let scanPages = 0;
    for await (const p of ddb.paginateScan({ client: c, pageSize: 4 }, { TableName: T })) {
        scanPages++;
        scanned.push(...p.Items.map((x) => Number(x.sk.N)));
    }
    r.scan = { pages: scanPages, items: scanned.sort((a, b) => a - b) };
    check(at("scan paginator, 4 per page"), () =>
        assert.deepEqual(r.scan, { pages: 3, items: [...Array(10).keys()] }));

    const up = await c.send(new ddb.UpdateItemCommand({ TableName: T, Key: { pk: S("p"), sk: N(1) },
        UpdateExpression: "SET v = :v ADD n :one", ConditionExpression: "v = :old",
        ExpressionAttributeValues: { ":v": S("one"), ":one": N(1), ":old": S("x") },
        ReturnValues: "UPDATED_NEW" }));
    r.update = up.Attributes;
    check(at("update-item, the condition holds"), () =>
        assert.deepEqual(r.update, { v: S("one"), n: N(1) }));

    r.updateFails = await failure(c, new ddb.UpdateItemCommand({ TableName: T,
        Key: { pk: S("p"), sk: N(2) }, UpdateExpression: "SET v = :v",
        ConditionExpression: "attribute_not_exists(pk)", ExpressionAttributeValues: { ":v": S("no") },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD" }));
    check(at("update-item, the condition fails"), () => assert.deepEqual(r.updateFails, {
        name: "ConditionalCheckFailedException", message: "The conditional request failed",
        status: 400, Item: item(2) }));

    r.txCancel = await failure(c, new ddb.TransactWriteItemsCommand({ TransactItems: [
        { Put: { TableName: T, Item: { pk: S("q"), sk: N(1) } } },
        { ConditionCheck: { TableName: T, Key: { pk: S("p"), sk: N(3) },
                            ConditionExpression: "attribute_not_exists(pk)",
                            ReturnValuesOnConditionCheckFailure: "ALL_OLD" } }] }));
    check(at("transact-write-items, cancelled"), () => assert.deepEqual(r.txCancel, {
        name: "TransactionCanceledException",
        message: "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
        status: 400,
        CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed",
            Message: "The conditional request failed.", Item: item(3) }] }));

    const tx = { ClientRequestToken: `tok-${process.pid}`, TransactItems: [
        { Update: { TableName: T, Key: { pk: S("p"), sk: N(5) }, UpdateExpression: "ADD n :one",
                    ExpressionAttributeValues: { ":one": N(1) } } }] };
    await c.send(new ddb.TransactWriteItemsCommand(tx));
    await c.send(new ddb.TransactWriteItemsCommand(tx)); // a replay: applied once
    const tg = await c.send(new ddb.TransactGetItemsCommand({ TransactItems: [
        { Get: { TableName: T, Key: { pk: S("p"), sk: N(5) }, ProjectionExpression: "n" } },
        { Get: { TableName: T, Key: { pk: S("p"), sk: N(42) } } }] }));
    r.txGet = tg.Responses.map((x) => x.Item || null);
    check(at("transact-write-items replayed with its token, then transact-get-items"), () =>
        assert.deepEqual(r.txGet, [{ n: N(1) }, null]));

    const del = await c.send(new ddb.DeleteItemCommand({ TableName: T, Key: { pk: S("p"), sk: N(0) },
        ReturnValues: "ALL_OLD" }));
    r.deleteOld = del.Attributes;
    check(at("delete-item returns ALL_OLD"), () => assert.deepEqual(r.deleteOld, item(0)));

    r.noTable = await failure(c, new ddb.GetItemCommand({ TableName: `${T}_none`, Key: { pk: S("p") } }));
    check(at("a table that does not exist"), () => assert.deepEqual(r.noTable, {
        name: "ResourceNotFoundException", message: "Cannot do operations on a non-existent table",
        status: 400 }));
    r.badKey = await failure(c, new ddb.GetItemCommand({ TableName: T, Key: { pk: S("p") } }));
    check(at("a key without its sort key"), () => assert.deepEqual(r.badKey, {
        name: "ValidationException", message: "The number of conditions on the keys is invalid",
        status: 400 }));

    const doc = lib.DynamoDBDocumentClient.from(c);
    const native = { pk: "doc", sk: 1, price: 12.5, big: -123456789012, ok: true, nothing: null,
                     tags: new Set(["a", "b"]), nested: { list: [1, "two", false, { deep: [3] }] } };
    await doc.send(new lib.PutCommand({ TableName: T, Item: native }));
    const back = await doc.send(new lib.GetCommand({ TableName: T, Key: { pk: "doc", sk: 1 } }));
    r.doc = Object.assign({}, back.Item, { tags: [...back.Item.tags].sort() });
    check(at("document client: native values round-trip"), () => assert.deepEqual(r.doc,
        Object.assign({}, native, { tags: ["a", "b"] })));
    const raw = await c.send(new ddb.GetItemCommand({ TableName: T, Key: { pk: S("doc"), sk: N(1) } }));
    r.docRaw = [raw.Item.price, raw.Item.big, raw.Item.nothing, raw.Item.tags.SS.sort()];
    check(at("document client: as DynamoDB stored them"), () => assert.deepEqual(r.docRaw,
        [N("12.5"), N("-123456789012"), { NULL: true }, ["a", "b"]]));

    // PartiQL through the SDK: an INSERT with parameters, a paged SELECT,
    // an UPDATE returning the new item, a duplicate INSERT.
    await c.send(new ddb.ExecuteStatementCommand({
        Statement: `INSERT INTO "${T}" VALUE {'pk': ?, 'sk': ?, 'tags': <<'x', 'y'>>}`,
        Parameters: [S("pq"), N(1)] }));
    await c.send(new ddb.ExecuteStatementCommand({
        Statement: `INSERT INTO "${T}" VALUE {'pk': 'pq', 'sk': 2, 'n': 10}` }));
    const pq1 = await c.send(new ddb.ExecuteStatementCommand({
        Statement: `SELECT sk FROM "${T}" WHERE pk = ?`, Parameters: [S("pq")], Limit: 1 }));
    const pq2 = await c.send(new ddb.ExecuteStatementCommand({
        Statement: `SELECT sk FROM "${T}" WHERE pk = ?`, Parameters: [S("pq")],
        NextToken: pq1.NextToken }));
    const pqUp = await c.send(new ddb.ExecuteStatementCommand({
        Statement: `UPDATE "${T}" SET n = n + 5 WHERE pk = 'pq' AND sk = 2 RETURNING ALL NEW *` }));
    r.partiql = { pages: [pq1.Items, pq2.Items], more: [!!pq1.NextToken, !!pq2.NextToken],
                  updated: pqUp.Items };
    check(at("ExecuteStatement: INSERT, paged SELECT, UPDATE RETURNING"), () => assert.deepEqual(r.partiql, {
        pages: [[{ sk: N(1) }], [{ sk: N(2) }]], more: [true, false],
        updated: [{ pk: S("pq"), sk: N(2), n: N(15) }] }));
    r.partiqlDup = await failure(c, new ddb.ExecuteStatementCommand({
        Statement: `INSERT INTO "${T}" VALUE {'pk': 'pq', 'sk': 1}` }));
    check(at("ExecuteStatement: a duplicate INSERT"), () => assert.deepEqual(r.partiqlDup, {
        name: who === "sst-emu" ? "DuplicateItemException" : "DuplicateItem",
        message: "Duplicate primary key exists in table", status: 400 }));
    r.partiqlDup.name = "DuplicateItem(Exception)"; // AWS's name on sst-emu (docs/emulator.md)

    // PartiQL batches and transactions
    const bx = await c.send(new ddb.BatchExecuteStatementCommand({ Statements: [
        { Statement: `SELECT n FROM "${T}" WHERE pk = 'pq' AND sk = 2` },
        { Statement: `SELECT * FROM "${T}" WHERE pk = 'pq' AND sk = 99` },
        { Statement: `SELECT * FROM "${T}" WHERE pk = 'pq'` }] }));
    // the table's name differs by server: "T" stands for it
    r.batch = bx.Responses.map((x) => (x.TableName === T ? Object.assign({}, x, { TableName: "T" }) : x));
    check(at("BatchExecuteStatement: reads of one item each"), () => assert.deepEqual(r.batch, [
        { TableName: "T", Item: { n: N(15) } }, { TableName: "T" },
        { Error: { Code: "ValidationError", Message: "Only single item select is supported" } }]));
    await c.send(new ddb.ExecuteTransactionCommand({ TransactStatements: [
        { Statement: `UPDATE "${T}" SET n = n + 1 WHERE pk = 'pq' AND sk = 2` },
        { Statement: `DELETE FROM "${T}" WHERE pk = 'pq' AND sk = 1` }] }));
    r.txPq = await failure(c, new ddb.ExecuteTransactionCommand({ TransactStatements: [
        { Statement: `UPDATE "${T}" SET n = 0 WHERE pk = 'pq' AND sk = 2` },
        { Statement: `EXISTS(SELECT * FROM "${T}" WHERE pk = 'p' AND sk = 3 AND n > 100)` }] }));
    const tr = await c.send(new ddb.ExecuteTransactionCommand({ TransactStatements: [
        { Statement: `SELECT n FROM "${T}" WHERE pk = 'pq' AND sk = 2` },
        { Statement: `SELECT * FROM "${T}" WHERE pk = 'pq' AND sk = 1` }] }));
    r.txPqRead = tr.Responses;
    check(at("ExecuteTransaction: writes, a failed EXISTS, reads"), () => assert.deepEqual(
        [r.txPq, r.txPqRead], [{
            name: "TransactionCanceledException",
            message: "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
            status: 400,
            CancellationReasons: [{ Code: "None" },
                                  { Code: "ConditionalCheckFailed", Message: "The conditional request failed." }] },
        [{ Item: { n: N(16) } }, {}]]));

    const lim = await c.send(new ddb.DescribeLimitsCommand({}));
    r.limits = [lim.AccountMaxReadCapacityUnits, lim.AccountMaxWriteCapacityUnits,
                lim.TableMaxReadCapacityUnits, lim.TableMaxWriteCapacityUnits];
    check(at("describe-limits"), () => assert.deepEqual(r.limits, [80000, 80000, 40000, 40000]));

    const dt = await c.send(new ddb.DeleteTableCommand({ TableName: T }));
    r.deleteTable = dt.TableDescription.TableName === T;
    check(at("delete-table"), () => assert.equal(r.deleteTable, true));
    return r;
}

// Signatures, on the sst-emu that verifies them.
async function signatures() {
    const ok = await client(verifyUrl).send(new ddb.ListTablesCommand({}));
    check("sst-emu --verify-signatures: the right secret", () => assert.deepEqual(ok.TableNames, []));
    const wrong = await failure(client(verifyUrl, { accessKeyId, secretAccessKey: secretAccessKey + "x" }),
                                new ddb.ListTablesCommand({}));
    check("sst-emu --verify-signatures: a wrong secret", () => assert.deepEqual(wrong, {
        name: "InvalidSignatureException",
        message: "The request signature we calculated does not match the signature you provided. " +
                 "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
        status: 400 }));
    const unknown = await failure(client(verifyUrl, { accessKeyId: "nosuchkey", secretAccessKey }),
                                  new ddb.ListTablesCommand({}));
    check("sst-emu --verify-signatures: an unknown key", () => assert.deepEqual(unknown, {
        name: "UnrecognizedClientException", message: "The security token included in the request is invalid.",
        status: 400 }));
}

async function main() {
    const emu = await scenario("sst-emu", emuUrl);
    await signatures();
    if (ddbUrl) {
        const local = await scenario("DynamoDB Local", ddbUrl);
        check("the same answers from sst-emu and DynamoDB Local", () => assert.deepEqual(emu, local));
    } else {
        console.log("  (DynamoDB Local not running: its half is skipped)");
    }
}

main().then(() => {
    console.log(`clients.cjs: ${failed} failed`);
    process.exit(failed ? 1 : 0);
}, (e) => {
    console.log(`  FAIL ${e.name}: ${e.message}\n${e.stack}`);
    process.exit(1);
});
