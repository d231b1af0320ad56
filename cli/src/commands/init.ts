import { writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { displayPath } from '../paths.js';
import { normalizeRegistry, resolveRegistry } from '../registry/config.js';
import { type ConfiguredRegistry, type DependencySpecs, dependencySpecs } from '../scaffold/dependency-specs.js';
import { npmInstall } from '../scaffold/install.js';
import { NAME_RULE, nameProblem, packageProblem, suggestName, titleFromName } from '../scaffold/names.js';
import { renderTemplate } from '../scaffold/render.js';
import { checkTargetEmpty } from '../scaffold/target.js';
import { listTemplates, monorepoRoot, TEMPLATE_SUMMARIES, templatesRoot } from '../scaffold/templates.js';
import { UserError } from '../user-error.js';

interface Answers {
  name: string;
  template: string;
  title: string;
  description: string;
  package: string;
}

export default class Init extends MovaCommand {
  static override summary = 'Create a connector package from a template';

  static override description =
    'Create a connector package from a template (http, sdk, database), ready to build, validate and test';

  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init acme --template http --yes',
    '<%= config.bin %> init acme-crm --template sdk --yes --dir ./connectors/acme-crm --package @acme/connector-crm',
    '<%= config.bin %> init warehouse --template database --yes --no-install --json',
    '<%= config.bin %> init acme --yes --registry http://127.0.0.1:4873/',
  ];

  static override args = {
    name: Args.string({ description: `connector name: ${NAME_RULE} (e.g. acme-crm)` }),
  };

  static override flags = {
    dir: Flags.directory({ description: 'folder to create the package in [default: ./<name>]' }),
    template: Flags.string({ char: 't', description: 'template: http, sdk or database [default: http]' }),
    title: Flags.string({ description: 'human title [default: from the name, "acme-crm" → "Acme Crm"]' }),
    description: Flags.string({ description: 'one sentence on what the connector does' }),
    package: Flags.string({
      description:
        'npm package name; to publish it, give it your scope, e.g. @acme/connector-<name> [default: connector-<name>]',
    }),
    sdk: Flags.string({ description: 'dependency spec for @mova/sdk (e.g. ^0.1.0, file:../sdk)' }),
    cli: Flags.string({ description: 'dependency spec for @mova/cli' }),
    registry: Flags.string({
      description:
        "MOVA registry to install @mova/sdk and @mova/cli from (its .npmrc names it for @mova) [default: the one `login` saved, else this checkout's folders]",
    }),
    install: Flags.boolean({ description: 'run npm install in the new package', default: true, allowNo: true }),
    yes: Flags.boolean({ char: 'y', description: 'take the defaults for every missing answer; never prompt' }),
  };

  async run() {
    const { args, flags } = await this.parse(Init);
    const root = await templatesRoot();
    const templates = await listTemplates(root);
    if (templates.length === 0) {
      throw new UserError('no templates found next to the CLI', 'Reinstall @mova/cli; its package carries them.', 1);
    }
    const interactive = Boolean(process.stdin.isTTY) && !flags.yes && !this.jsonEnabled();
    const answers = await this.answers({ ...flags, name: args.name }, templates, interactive);
    const target = resolve(flags.dir ?? answers.name);
    await checkTargetEmpty(target);
    const repo = await monorepoRoot();
    const registry = await configuredRegistry(flags.registry);
    const specs = await dependencySpecs({ repo, target, overrides: { sdk: flags.sdk, cli: flags.cli }, registry });
    if (specs.note) this.log(`Note: ${specs.note}`);
    const files = await this.step(`Creating ${displayPath(target)} from the ${answers.template} template`, () =>
      renderTemplate(join(root, answers.template), target, {
        NAME: answers.name,
        TITLE: answers.title,
        PACKAGE: answers.package,
        DESCRIPTION: answers.description,
        SDK_DEP: specs.sdk,
        CLI_DEP: specs.cli,
        RUNTIME_DEP: specs.runtime,
      }),
    );
    if (specs.registry) {
      // npm asks this registry for the @mova scope only; other packages keep coming from the user's own.
      await writeFile(join(target, '.npmrc'), `@mova:registry=${specs.registry}\n`);
      files.push('.npmrc');
    }
    // Inside the monorepo pnpm owns node_modules; an npm install there would fight it.
    const installed = flags.install && specs.source !== 'workspace';
    if (installed) await this.step('Installing dependencies (npm install)', () => npmInstall(target));
    this.nextSteps(target, installed, specs, answers.package);
    return { ...answers, dir: target, files, dependencies: specs, installed };
  }

  private async answers(
    given: Partial<Answers> & { dir?: string },
    templates: string[],
    interactive: boolean,
  ): Promise<Answers> {
    const ask = interactive ? await import('@inquirer/prompts') : undefined;
    let name = given.name;
    if (name === undefined && ask) {
      name = await ask.input({ message: 'Connector name', validate: (v) => nameProblem(v) ?? true });
    }
    name ??= given.dir ? basename(resolve(given.dir)) : undefined;
    if (name === undefined) {
      throw new UserError('missing the connector name', 'Pass it: `mova-connector init acme-crm --yes`.');
    }
    const problem = nameProblem(name);
    if (problem) {
      const fixed = suggestName(name);
      throw new UserError(problem, fixed ? `Try "${fixed}".` : 'Start with a letter, e.g. "acme-crm".');
    }
    let template = given.template;
    if (template === undefined && ask) {
      template = await ask.select({
        message: 'Template',
        choices: templates.map((t) => ({ value: t, name: t, description: TEMPLATE_SUMMARIES[t] })),
      });
    }
    template ??= templates[0] ?? 'http';
    if (!templates.includes(template)) {
      throw new UserError(
        `unknown template "${template}"`,
        `Use one of: ${templates.join(', ')} (--template ${templates[0]}).`,
      );
    }
    const defaults = { title: titleFromName(name), package: `connector-${name}` };
    const title =
      given.title ?? (ask ? await ask.input({ message: 'Title', default: defaults.title }) : defaults.title);
    const describe = `Connects MOVA workflows to ${title}.`;
    const description =
      given.description ?? (ask ? await ask.input({ message: 'Description', default: describe }) : describe);
    const pkg =
      given.package ??
      (ask
        ? await ask.input({
            message: 'npm package name',
            default: defaults.package,
            validate: (v) => packageProblem(v) ?? true,
          })
        : defaults.package);
    const badPackage = packageProblem(pkg);
    if (badPackage) throw new UserError(badPackage, 'For example: connector-acme or @acme/connector-crm.');
    return { name, template, title, description, package: pkg };
  }

  private nextSteps(target: string, installed: boolean, specs: DependencySpecs, pkg: string) {
    this.log(`\nCreated ${displayPath(target)}.`);
    if (specs.registry)
      this.log(`@mova/sdk ${specs.sdk} and @mova/cli ${specs.cli} come from ${specs.registry} (.npmrc).`);
    this.log('Next:');
    this.log(`  cd ${displayPath(target)}`);
    if (specs.source === 'workspace') this.log('  npm run pnpm -- install   # at the repository root');
    else if (!installed) this.log('  npm install');
    this.log('  npm run build          # bundle, mova.manifest.json, README reference');
    this.log('  npx mova-connector validate');
    this.log('  npm test');
    if (!pkg.startsWith('@')) {
      this.log(`To publish it, name it under your scope first ("name": "@<your account>/${pkg}" in package.json).`);
    }
  }
}

/** The registry a user pointed init at: --registry, else MOVA_REGISTRY or the one `login` saved; none by default. */
async function configuredRegistry(flag: string | undefined): Promise<ConfiguredRegistry | undefined> {
  if (flag) return { url: normalizeRegistry(flag), source: 'flag' };
  const resolved = await resolveRegistry({});
  return resolved.source.url === 'default' ? undefined : { url: resolved.url, source: resolved.source.url };
}
