import { ConfigError, loadConfig } from '../config';

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
