import fs from 'node:fs';
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run. In CI a missing chromium is a failure (.ci/run
 * installs it); on a laptop without it they are skipped, loudly.
 */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`chromium is required in CI at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  console.warn(`chromium not found at ${CHROMIUM_PATH}: the browser tests are skipped (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const BOT_BUBBLES = '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content';

/** Drives the official Web Chat as a person would: the send box, Enter, the suggested-action buttons. */
export class WebChatDriver {
  constructor(
    readonly page: Page,
    /** The chat page: the widget's frame, or the page itself when /chat is opened directly. */
    readonly scope: FrameLocator | Page,
  ) {}

  botMessages() {
    return this.scope.locator(BOT_BUBBLES);
  }

  /** Texts as shown, with Web Chat's typographic quotes (’ “ ”) turned back into the locale files' ones. */
  async botTexts(): Promise<string[]> {
    // While the page navigates (erase reloads it) there is nothing to read yet.
    const texts = await this.botMessages().allInnerTexts().catch(() => [] as string[]);
    return texts.map((t) => t.replace(/[’‘]/g, "'").replace(/[“”]/g, '"'));
  }

  async waitForBotText(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    await waitUntil(`a bot message matching ${pattern}`, async () => (await this.botTexts()).some((t) => pattern.test(t)), timeoutMs);
  }

  /** Types a message, presses Enter, waits for the bot's answer. */
  async say(text: string): Promise<void> {
    const before = await this.botMessages().count();
    const input = this.scope.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    await waitUntil(`the bot's answer to "${text}"`, async () => (await this.botMessages().count()) > before);
  }

  suggestedAction(label: string) {
    return this.scope.locator('.webchat__suggested-actions button').filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  }

  /** Clicks a suggested action (or, with keyboard: true, focuses it and presses Enter), waits for the bot's answer. */
  async click(label: string | RegExp, opts: { keyboard?: boolean } = {}): Promise<void> {
    const before = await this.botMessages().count();
    const button = typeof label === 'string' ? this.suggestedAction(label) : this.scope.locator('.webchat__suggested-actions button').filter({ hasText: label });
    await button.first().waitFor({ state: 'visible', timeout: 20_000 });
    if (opts.keyboard) {
      await button.first().focus();
      await this.page.keyboard.press('Enter');
    } else {
      await button.first().click();
    }
    await waitUntil(`the bot's answer to the button ${label}`, async () => (await this.botMessages().count()) > before);
  }
}

/** The chat page's frame inside the widget. */
export async function widgetFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await waitUntil('the widget frame', () => {
    frame = page.frames().find((f) => f.url().includes('/chat?'));
    return !!frame;
  });
  return frame!;
}
