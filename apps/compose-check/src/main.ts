import { readComposeCheckSettings } from '@shop/config';
import { imageOf } from '@shop/deploy';
import { checkContainers } from './container-checks';
import { projectContainers } from './docker';
import { checkSegmentation } from './segmentation-probe';

/**
 * `node dist/apps/compose-check/src/main.js <segmentation|containers>` with
 * the stack up (scripts/compose-ci.sh): the live proofs of the compose
 * deployment. Exit 1 with every problem listed when one fails.
 */
function main(): number {
  const { check, project } = readComposeCheckSettings();
  const containers = projectContainers(project);
  // Any shop image has node; platform-init's is the one that is not a running service.
  const probeImage = imageOf('platform-init');
  const problems = check === 'segmentation' ? checkSegmentation(containers, probeImage) : checkContainers(containers, project, probeImage);
  if (problems.length > 0) {
    process.stderr.write(`compose-check ${check}: FAILED\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`compose-check ${check}: passed\n`);
  return 0;
}

process.exitCode = main();
