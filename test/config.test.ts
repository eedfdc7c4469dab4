import { ConfigError, loadConfig, readSetting } from '../config';

describe('loadConfig', () => {
  it('defaults to loopback, port 3978 and the embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', RESUME_AFTER_MINUTES: 30 });
    expect(c.DATABASE_URL).toBeUndefined();
  });
  it('listens on every interface once an app id and password make it authenticated', () => {
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret' }).HOST).toBe('0.0.0.0');
  });
  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ PORT: 3978, DATABASE_URL: undefined });
  });
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MicrosoftAppId: 'id' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppType: 'Weird' }, 'MicrosoftAppType'],
  ])('fails fast with the variable named: %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe('UNDERSTANDING_MODEL (read alone by understanding/readingModel.ts)', () => {
  it('is on by default, unset or empty, and takes on or off', () => {
    expect(loadConfig({}).UNDERSTANDING_MODEL).toBe('on');
    expect(loadConfig({ UNDERSTANDING_MODEL: 'off' }).UNDERSTANDING_MODEL).toBe('off');
    expect(readSetting('UNDERSTANDING_MODEL', {})).toBe('on');
    expect(readSetting('UNDERSTANDING_MODEL', { UNDERSTANDING_MODEL: '' })).toBe('on');
    expect(readSetting('UNDERSTANDING_MODEL', { UNDERSTANDING_MODEL: 'on' })).toBe('on');
    expect(readSetting('UNDERSTANDING_MODEL', { UNDERSTANDING_MODEL: 'off' })).toBe('off');
  });
  it('read alone, it does not depend on the other settings being valid', () => {
    expect(readSetting('UNDERSTANDING_MODEL', { UNDERSTANDING_MODEL: 'off', PORT: 'abc' })).toBe('off');
  });
  it.each(['false', 'OFF', '0', 'no'])('any other value stops with the variable named: %s', (value) => {
    expect(() => loadConfig({ UNDERSTANDING_MODEL: value })).toThrow(ConfigError);
    expect(() => loadConfig({ UNDERSTANDING_MODEL: value })).toThrow('UNDERSTANDING_MODEL');
    expect(() => readSetting('UNDERSTANDING_MODEL', { UNDERSTANDING_MODEL: value })).toThrow(ConfigError);
    expect(() => readSetting('UNDERSTANDING_MODEL', { UNDERSTANDING_MODEL: value })).toThrow('UNDERSTANDING_MODEL');
  });
});
