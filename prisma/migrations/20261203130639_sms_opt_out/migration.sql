-- CreateTable
CREATE TABLE "channel_opt_out" (
    "channel" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "keyword" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_opt_out_pkey" PRIMARY KEY ("channel","userId")
);

