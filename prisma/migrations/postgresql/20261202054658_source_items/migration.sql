-- CreateTable
CREATE TABLE "SourceItem" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SourceItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SourceItem_status_sourceId_idx" ON "SourceItem"("status", "sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "SourceItem_sourceId_url_key" ON "SourceItem"("sourceId", "url");

-- AddForeignKey
ALTER TABLE "SourceItem" ADD CONSTRAINT "SourceItem_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

