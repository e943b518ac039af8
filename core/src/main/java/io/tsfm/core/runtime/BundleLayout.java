package io.tsfm.core.runtime;

import io.tsfm.core.annotation.Internal;

/**
 * The contract between the exporter that writes a model bundle and the runtime that reads it: file names, file
 * roles (as listed in {@code manifest.json}), the input and output names of the three ONNX graphs, and the
 * provenance keys the runtime depends on. One definition for both sides.
 *
 * <p>A bundle is a directory:
 * <pre>
 * manifest.json          BundleManifest: tier, widths, preprocessing, label vocabulary + groups, provenance,
 *                        validation metrics, opset, and size + SHA-256 of every file below
 * model.onnx             the IMU network: patches, channel_emb, channel_mask, patch_mask → patch_emb | window_emb
 * channel_text.onnx      ChannelTextFusion's text side: tokens, token_mask → ch (one row per description)
 * label_bank.onnx        learnable label encoders only: tokens, token_mask → label_emb (unit rows)
 * label_embeddings.npy   float32 (L, E): the embeddings of manifest labels.labels, in that order
 * </pre>
 */
@Internal
public final class BundleLayout {

    private BundleLayout() {}

    /** The manifest file. */
    public static final String MANIFEST = "manifest.json";
    /** The IMU network. */
    public static final String MODEL_FILE = "model.onnx";
    /** The text side of ChannelTextFusion. */
    public static final String CHANNEL_TEXT_FILE = "channel_text.onnx";
    /** The learnable label bank. */
    public static final String LABEL_BANK_FILE = "label_bank.onnx";
    /** The label embeddings of the bundle vocabulary. */
    public static final String LABEL_EMBEDDINGS_FILE = "label_embeddings.npy";

    /** Manifest role of {@link #MODEL_FILE}. */
    public static final String ROLE_MODEL = "model";
    /** Manifest role of {@link #CHANNEL_TEXT_FILE}. */
    public static final String ROLE_CHANNEL_TEXT = "channel_text";
    /** Manifest role of {@link #LABEL_BANK_FILE}. */
    public static final String ROLE_LABEL_BANK = "label_bank";
    /** Manifest role of {@link #LABEL_EMBEDDINGS_FILE}. */
    public static final String ROLE_LABEL_EMBEDDINGS = "label_embeddings";

    /** Model input: preprocessed patches {@code (B, P, 64, C)} float32. */
    public static final String PATCHES = "patches";
    /** Model input: per-channel text vectors {@code (B, C, D)} float32. */
    public static final String CHANNEL_EMB = "channel_emb";
    /** Model input: real channels {@code (B, C)} bool. */
    public static final String CHANNEL_MASK = "channel_mask";
    /** Model input: real patches {@code (B, P)} bool. */
    public static final String PATCH_MASK = "patch_mask";
    /**
     * Model input of amplitude-aware models only: per patch and channel the mean and scale features the z-score
     * removed, {@code (B, P, C, 2)} float32 ({@code io.tsfm.core.preprocess.PatchedWindow#stats()}).
     */
    public static final String PATCH_STATS = "patch_stats";
    /** Model output of per-patch tiers: unit embeddings {@code (B, P, E)}. */
    public static final String PATCH_EMB = "patch_emb";
    /** Model output of pooled tiers: unit embeddings {@code (B, E)}. */
    public static final String WINDOW_EMB = "window_emb";

    /** Text-graph input: frozen text-model token states {@code (U, K, T_d)} float32. */
    public static final String TOKENS = "tokens";
    /** Text-graph input: real tokens {@code (U, K)} bool. */
    public static final String TOKEN_MASK = "token_mask";
    /** Channel-text output: {@code ch (U, D)}. */
    public static final String CH = "ch";
    /** Label-bank output: unit label embeddings {@code (U, E)}. */
    public static final String LABEL_EMB = "label_emb";

    /** Provenance key: the text encoder's model id ({@code TextEncoder.modelId()}) the model was trained with. */
    public static final String PROVENANCE_TEXT_MODEL = "text_model";
    /** Provenance key: the text encoder's truncation length. */
    public static final String PROVENANCE_TEXT_MAX_TOKENS = "text_max_tokens";
    /** Provenance key: a {@link LabelEncoderKind#wireName()}; learnable bundles ship {@link #LABEL_BANK_FILE}. */
    public static final String PROVENANCE_LABEL_ENCODER = "label_encoder";
}
