// Runs executions of one Amazon States Language definition with aws-local-stepfunctions, for the end-to-end tests.
//
//   node --require ./promise-with-resolvers.cjs state-machine-runner.mjs <definition.json>
//
// Reads one JSON request per line on stdin: {"id": "...", "input": {...}, "startTime": "<ISO-8601>"}; the start
// time is the execution's $$.Execution.StartTime (the simulation's clock, not the machine's). Executions run concurrently (two
// overlapping requests are two overlapping executions). For each, writes one JSON line on stdout:
// {"id", "status": "SUCCEEDED" | "FAILED", "output", "error", "cause", "events": [...]}. Task states invoke Lambda
// through the AWS SDK, which honours AWS_ENDPOINT_URL_LAMBDA: the tests point it at their local Lambda endpoint.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const repositoryRoot = process.env.REPOSITORY_ROOT;
const require = createRequire(join(repositoryRoot, 'package.json'));
const { StateMachine } = await import(require.resolve('aws-local-stepfunctions'));

// aws-local-stepfunctions stamps $$.Execution.StartTime with the machine's clock, whatever context is given. The
// simulation runs on its own clock, so the definition's references to it are pointed at a context field that the
// runner fills with the simulated start time; nothing else in the definition changes.
const SIMULATED_START = '$$.SimulatedExecution.StartTime';
const definition = pointStartTimeAtSimulatedClock(JSON.parse(readFileSync(process.argv[2], 'utf8')));
const retryIntervalOverrides = {};
collectRetryingStates(definition.States, retryIntervalOverrides);

const stateMachine = new StateMachine(definition, {
  validationOptions: { checkPaths: true, checkArn: true },
  awsConfig: {
    region: process.env.AWS_REGION,
    credentials: {
      accessKeys: {
        accessKeyId: process.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
      },
    },
  },
});

function pointStartTimeAtSimulatedClock(node) {
  if (Array.isArray(node)) {
    return node.map(pointStartTimeAtSimulatedClock);
  }
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, pointStartTimeAtSimulatedClock(value)]));
  }
  return node === '$$.Execution.StartTime' ? SIMULATED_START : node;
}

// Retry intervals are real time (seconds); the simulation only needs their count and order.
function collectRetryingStates(states, overrides) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Retry) {
      overrides[name] = 0;
    }
    for (const branch of state.Branches ?? []) {
      collectRetryingStates(branch.States, overrides);
    }
  }
}

function write(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function execute(request) {
  const input = request.input ?? {};
  const context = { SimulatedExecution: { StartTime: request.startTime ?? new Date().toISOString() } };
  const execution = stateMachine.run(input, { overrides: { retryIntervalOverrides }, context });
  const events = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) {
      events.push(event);
    }
  })();
  try {
    const output = await execution.result;
    await collecting;
    write({ id: request.id, status: 'SUCCEEDED', output, events });
  } catch (error) {
    await collecting.catch(() => {});
    write({ id: request.id, status: 'FAILED', error: error.name, cause: error.message, events });
  }
}

const lines = createInterface({ input: process.stdin });
const running = [];
for await (const line of lines) {
  if (line.trim()) {
    running.push(execute(JSON.parse(line)));
  }
}
await Promise.all(running);
