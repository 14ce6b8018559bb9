-- CreateIndex
CREATE INDEX "Article_duplicateOfId_sourceName_idx" ON "Article"("duplicateOfId", "sourceName");

-- CreateIndex
CREATE INDEX "Article_duplicateOfId_language_idx" ON "Article"("duplicateOfId", "language");

