import type { GraphNode } from './packageGraph';
import { packageNameOf } from './packageGraph';
import {
  appRule,
  architectureRules,
  isTfjsBackendPackage,
  isTfjsPackage,
  SCOPE,
  type PackageRule,
} from './architectureRules';

export interface Violation {
  project: string;
  where: string;
  message: string;
}

/** Workspace packages reachable from `name` through the table (its allowed dependencies). */
function allowedWorkspaceDeps(name: string): Set<string> {
  const allowed = new Set<string>();
  const visit = (current: string) => {
    for (const dep of architectureRules[current]?.dependsOn ?? []) {
      if (!allowed.has(dep)) {
        allowed.add(dep);
        visit(dep);
      }
    }
  };
  visit(name);
  return allowed;
}

function checkNpmName(
  node: GraphNode,
  rule: PackageRule,
  allowed: ReadonlySet<string>,
  npmName: string,
  where: string,
  apps: ReadonlySet<string>,
): Violation[] {
  const violation = (message: string) => [{ project: node.name, where, message }];
  if (npmName.startsWith(SCOPE)) {
    const target = npmName.slice(SCOPE.length);
    if (target === node.name) return [];
    // an app may reuse another app (the CLI runs the benchmark and the viewer); packages may not
    if (node.kind === 'app' && apps.has(target)) return [];
    if (!(target in architectureRules)) {
      return violation(`depends on ${npmName}, which is an app or not a package of the architecture table`);
    }
    if (!allowed.has(target)) {
      return violation(
        `depends on ${npmName} against the direction of the architecture table (allowed: ${[...allowed].join(', ') || 'none'})`,
      );
    }
    return [];
  }
  if (isTfjsPackage(npmName)) {
    if (rule.tfjs === 'none')
      return violation(`uses ${npmName}, but ${node.name} must not import tfjs at all`);
    if (rule.tfjs === 'core' && isTfjsBackendPackage(npmName)) {
      return violation(
        `uses the tfjs backend package ${npmName}; only tf-backend may import backend packages`,
      );
    }
  }
  return [];
}

/** Every way the graph breaks the rules of ARCHITECTURE.md; an empty list means it is clean. */
export function checkPackageGraph(
  nodes: readonly GraphNode[],
  { sharedDevDependencies = [] }: { sharedDevDependencies?: readonly string[] } = {},
): Violation[] {
  const violations: Violation[] = [];
  const apps = new Set(nodes.filter((n) => n.kind === 'app').map((n) => n.name));
  for (const node of nodes) {
    const rule = node.kind === 'app' ? appRule : architectureRules[node.name];
    if (!rule) {
      violations.push({
        project: node.name,
        where: `${node.dir}/package.json`,
        message: `package ${node.name} is not in the architecture table; add it to tools/package-graph/architectureRules.ts`,
      });
      continue;
    }
    const allowed = node.kind === 'app' ? new Set(rule.dependsOn) : allowedWorkspaceDeps(node.name);
    for (const dep of node.runtimeDeps) {
      violations.push(...checkNpmName(node, rule, allowed, dep, `${node.dir}/package.json`, apps));
    }
    const declared = new Set([...node.runtimeDeps, ...node.devDeps]);
    for (const { file, specifier, inTest, bundled } of node.imports) {
      const npmName = packageNameOf(specifier);
      if (!npmName) continue;
      const sharedTool = inTest && sharedDevDependencies.includes(npmName);
      if (!declared.has(npmName) && !sharedTool && npmName !== `${SCOPE}${node.name}`) {
        violations.push({
          project: node.name,
          where: file,
          message: `imports ${specifier}, which package.json does not declare`,
        });
        continue;
      }
      if (!inTest && !bundled && !node.runtimeDeps.includes(npmName) && npmName !== `${SCOPE}${node.name}`) {
        violations.push({
          project: node.name,
          where: file,
          message: `imports ${specifier} at run time, but it is only a devDependency`,
        });
        continue;
      }
      // Tests may use tfjs backends as references; the direction rules still hold for workspace packages.
      if (inTest && !npmName.startsWith(SCOPE)) continue;
      violations.push(...checkNpmName(node, rule, allowed, npmName, file, apps));
    }
  }
  return violations;
}
