-- CreateTable
CREATE TABLE "SearchLexeme" (
    "language" TEXT NOT NULL,
    "stem" TEXT NOT NULL,
    "word" TEXT NOT NULL,

    PRIMARY KEY ("language", "stem", "word")
);

