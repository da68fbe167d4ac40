import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSimClock } from './clock.ts';
import { controlRoutes } from './control.ts';
import { FaultQueue } from './faults.ts';
import type { ContractViolation } from './openapi-contract.ts';
import { playerControl } from './player-control.ts';
import { resolveProfile } from './profile.ts';
import { RequestLog } from './request-log.ts';
import { Router } from './router.ts';
import { simulatorRoutes } from './routes.ts';
import { SEED_USER_ID, seed } from './seed.ts';
import { createRequestListener } from './server.ts';
import { SimState } from './state.ts';
import { Traffic } from './traffic.ts';
import type { Simulator, SimulatorOptions } from './types.ts';

/** Serve over HTTPS with this key and certificate (PEM), e.g. under a CA a test made (proxy/TLS tests). */
export interface SimulatorTlsOptions {
  tls?: { key: string; cert: string };
}

/** Starts the simulator on 127.0.0.1 (a free port unless `options.port`). */
export async function startSimulator(
  options: SimulatorOptions & SimulatorTlsOptions = {},
): Promise<Simulator> {
  const clock = createSimClock(options.clock);
  const state = new SimState(clock, resolveProfile(options));
  if (options.seed !== false) seed(state);
  const traffic = new Traffic(state);
  const faults = new FaultQueue();
  const log = new RequestLog();
  const violations: ContractViolation[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;

  const server: Server = options.tls ? createTlsServer(options.tls) : createServer();
  server.on('connection', () => {
    connections += 1;
  });
  const port = await listen(server, options.port ?? 0);
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const apiUrl = `${url}/v1`;

  let closing: Promise<void> | undefined;
  const sim: Simulator = {
    profile: state.profile,
    url,
    accountsUrl: url,
    apiUrl,
    clock,
    registerApp: (app) => state.registerApp(app),
    addUser: (user) => state.addUser(user),
    setConsentUser: (userId) => state.setConsentUser(userId),
    setRotation: (mode) => {
      if (mode !== 'rotate' && mode !== 'never')
        throw new Error('setRotation: mode must be "rotate" or "never"');
      state.rotation = mode;
    },
    revokeRefreshTokens: (userId) => state.tokens.revokeRefreshTokens(userId),
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    player: playerControl(state, () => SEED_USER_ID),
    playerFor: (userId) => playerControl(state, () => userId),
    setPremium: (userId, premium) => {
      const user = state.users.get(userId);
      if (!user) throw new Error(`setPremium: unknown user ${JSON.stringify(userId)}`);
      user.premium = premium;
    },
    setCommandResponseStyle: (style) => {
      if (style !== '204' && style !== '200-text' && style !== '202')
        throw new Error('setCommandResponseStyle: style must be "204", "200-text" or "202"');
      state.commandStyle = style;
      traffic.commandAnswers.pinned = style;
    },
    setRedundantCommandStyle: (style) => {
      if (style !== 'succeed' && style !== 'reason' && style !== 'restriction-violated')
        throw new Error(
          'setRedundantCommandStyle: style must be "succeed", "reason" or "restriction-violated"',
        );
      state.media.redundantStyle = style;
    },
    requests: log,
    connections: {
      count: () => connections,
      reset: () => {
        connections = 0;
      },
    },
    contractViolations: violations,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };

  const routes = new Router();
  routes.add(...simulatorRoutes(state, apiUrl));
  const control = new Router();
  control.add(...controlRoutes(sim));
  server.on(
    'request',
    createRequestListener({
      clock,
      routes,
      control,
      faults,
      log,
      contract: options.contract,
      violations,
      timers,
      traffic,
    }),
  );
  return sim;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
