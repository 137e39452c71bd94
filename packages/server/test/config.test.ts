import { describe, expect, it } from "vitest";
import { ConfigError, createConfig, DEFAULT_CONFIG, loadConfig } from "../src/config.js";

describe("loadConfig", () => {
  it("gives the documented defaults for an empty environment", () => {
    expect(loadConfig({})).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({
      port: 8010,
      host: "127.0.0.1",
      databasePath: "./tracescribe.db",
      bodyLimitBytes: 10 * 1024 * 1024,
      defaultPageSize: 100,
      maxPageSize: 1000,
      rateLimitEnabled: true,
      summaryCacheTtlSeconds: 3600,
      openaiApiKey: null,
    });
  });

  it("reads every variable", () => {
    const config = loadConfig({
      PORT: "0",
      HOST: "0.0.0.0",
      TRACESCRIBE_DATABASE: "/var/lib/ts.db",
      TRACESCRIBE_BODY_LIMIT_BYTES: "2048",
      TRACESCRIBE_MAX_PAGE_SIZE: "50",
      TRACESCRIBE_RATE_LIMIT_ENABLED: "off",
      TRACESCRIBE_SUMMARY_CACHE_TTL_SECONDS: "0",
      OPENAI_BASE_URL: "http://127.0.0.1:9999/v1",
      ANTHROPIC_BASE_URL: "https://anthropic.example",
      GEMINI_BASE_URL: "https://gemini.example",
      OPENAI_API_KEY: " sk-server ",
    });
    expect(config).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      databasePath: "/var/lib/ts.db",
      bodyLimitBytes: 2048,
      maxPageSize: 50,
      defaultPageSize: 50, // never above the cap
      rateLimitEnabled: false,
      summaryCacheTtlSeconds: 0, // 0 is legal: `??`, not `||`
      openaiBaseUrl: "http://127.0.0.1:9999/v1",
      anthropicBaseUrl: "https://anthropic.example",
      geminiBaseUrl: "https://gemini.example",
      openaiApiKey: "sk-server",
    });
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ PORT: "", OPENAI_API_KEY: "  ", OPENAI_BASE_URL: "" })).toEqual(DEFAULT_CONFIG);
  });

  it("names every unusable variable, its value and what was expected", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "80a", OPENAI_BASE_URL: "ftp://x", TRACESCRIBE_RATE_LIMIT_ENABLED: "maybe", TRACESCRIBE_BODY_LIMIT_BYTES: "0" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="80a": expected a whole number');
    expect(message).toContain('OPENAI_BASE_URL="ftp://x": expected an http(s) URL');
    expect(message).toContain('TRACESCRIBE_RATE_LIMIT_ENABLED="maybe": expected 1/0, true/false, yes/no or on/off');
    expect(message).toContain("TRACESCRIBE_BODY_LIMIT_BYTES");
  });

  it("refuses a port out of range", () => {
    expect(() => loadConfig({ PORT: "65536" })).toThrow(/PORT/);
  });
});

describe("createConfig", () => {
  it("applies overrides over the defaults and freezes the result", () => {
    const config = createConfig({ bodyLimitBytes: 1 });
    expect(config.bodyLimitBytes).toBe(1);
    expect(config.port).toBe(8010);
    expect(Object.isFrozen(config)).toBe(true);
  });
});
