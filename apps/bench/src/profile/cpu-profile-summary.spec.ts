import { ownerOf, topFunctions, topOwners, type CpuProfile } from './cpu-profile-summary';

const frame = (id: number, functionName: string, url: string) => ({ id, callFrame: { functionName, url, lineNumber: 9 } });

// Samples every 1,000 µs from t=1,000: node 2 (start-up) first, then the load.
const profile: CpuProfile = {
  nodes: [frame(1, '(idle)', ''), frame(2, 'wrapSafe', 'node:internal/modules/cjs/loader'), frame(3, 'query', 'file:///r/node_modules/typeorm/driver.js'), frame(4, 'call', 'file:///r/dist/libs/grpc/src/client.js'), frame(5, 'send', 'file:///r/node_modules/@grpc/grpc-js/build/call.js')],
  startTime: 0,
  samples: [2, 2, 2, 3, 3, 3, 4, 5, 1, 1],
  timeDeltas: Array.from({ length: 10 }, () => 1000),
};

describe('cpu profile summary', () => {
  it('names the package, node module or shop lib that owns a frame', () => {
    expect(ownerOf('file:///r/node_modules/@grpc/grpc-js/build/call.js')).toBe('@grpc/grpc-js');
    expect(ownerOf('file:///r/node_modules/pg/lib/client.js')).toBe('pg');
    expect(ownerOf('file:///r/dist/libs/grpc/src/client.js')).toBe('libs/grpc/src');
    expect(ownerOf('node:events')).toBe('node:events');
  });

  it('counts only samples inside the load window, leaving start-up and idle out', () => {
    const window = { fromUs: 4000, toUs: 10_000 };
    expect(topOwners(profile, window)).toEqual([
      { name: 'typeorm', sharePct: 60 },
      { name: 'libs/grpc/src', sharePct: 20 },
      { name: '@grpc/grpc-js', sharePct: 20 },
    ]);
    expect(topFunctions(profile, window, 1)).toEqual([{ name: 'query typeorm:10', sharePct: 60 }]);
  });
});
