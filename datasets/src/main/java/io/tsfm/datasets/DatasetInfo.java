package io.tsfm.datasets;

/**
 * Static facts about a dataset a reader understands, known before any file is read.
 *
 * @param name         short name; also the archive ({@code <name>.zip}) or folder name under the data root
 * @param displayName  human name
 * @param role         train / zero-shot / user
 * @param description  2-3 sentences (sensors, subjects, placement); becomes the model-input dataset description
 * @param downloadHint where to get the original archive and where to put it
 * @param licence      licence / terms
 * @param citation     how to cite
 */
public record DatasetInfo(String name, String displayName, DatasetRole role, String description,
                          String downloadHint, String licence, String citation) {}
