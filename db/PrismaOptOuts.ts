import type { PrismaClient } from '@prisma/client';
import type { OptOutStore } from '../adapters/sms/SmsChannel';

/** The numbers that sent STOP, in channel_opt_out. */
export class PrismaOptOuts implements OptOutStore {
  constructor(private readonly prisma: PrismaClient) {}

  async isOptedOut(channel: string, userId: string): Promise<boolean> {
    return (await this.prisma.channelOptOut.count({ where: { channel, userId } })) > 0;
  }

  async optOut(channel: string, userId: string, keyword: string, at: Date): Promise<void> {
    await this.prisma.channelOptOut.upsert({ where: { channel_userId: { channel, userId } }, create: { channel, userId, keyword: keyword.slice(0, 32), createdAt: at }, update: {} });
  }

  async optIn(channel: string, userId: string): Promise<void> {
    await this.prisma.channelOptOut.deleteMany({ where: { channel, userId } });
  }
}
