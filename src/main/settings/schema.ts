import { z } from 'zod';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings.ts';

/**
 * The JSON Schema the settings file is validated with (electron-store / conf run it through ajv), generated
 * from the zod schema so the two cannot drift. conf takes the `properties` object as `schema` and the rest
 * (here only `additionalProperties: false`) as `rootSchema`.
 */

type JsonSchema = Record<string, unknown>;

/** Adds `default` from `defaults` to every property, recursing into plain objects (ajv `useDefaults`). */
function withDefaults(properties: Record<string, JsonSchema>, defaults: Record<string, unknown>) {
  const out: Record<string, JsonSchema> = {};
  for (const [key, schema] of Object.entries(properties)) {
    const value = defaults[key];
    const nested = schema['properties'] as Record<string, JsonSchema> | undefined;
    out[key] = {
      ...schema,
      ...(nested && isPlainObject(value)
        ? { properties: withDefaults(nested, value as Record<string, unknown>) }
        : {}),
      default: value,
    };
  }
  return out;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function buildSettingsJsonSchema(): { properties: Record<string, JsonSchema>; root: JsonSchema } {
  const generated = z.toJSONSchema(settingsSchema, { io: 'output' }) as JsonSchema;
  const properties = generated['properties'] as Record<string, JsonSchema>;
  return {
    properties: withDefaults(properties, DEFAULT_SETTINGS),
    root: { additionalProperties: false },
  };
}

const built = buildSettingsJsonSchema();

/** One JSON Schema per settings key, each with its default (conf's `schema` option). */
export const SETTINGS_JSON_SCHEMA: Readonly<Record<keyof Settings, JsonSchema>> = Object.freeze(
  built.properties as Record<keyof Settings, JsonSchema>,
);

/** Root keywords (conf's `rootSchema` option): no key the schema does not name. */
export const SETTINGS_ROOT_SCHEMA: Readonly<JsonSchema> = Object.freeze(built.root);
