/* Decodes a video in-process the way vPDQ's reference decoder does (vpdq/cpp/vpdq/cpp/hashing/ffmpegwrapper.cpp and
 * filehasher.cpp, SPEC.md §4.1): libavformat demux, the first video stream, libavcodec decode with a final flush,
 * every decoded frame counted (frame n = counter - 1), frames with n % MOD == 0 converted by one sws_scale context
 * (codec size and pix_fmt -> W x H RGB24, SWS_AREA), written as packed RGB24 rows to stdout. Written for this project
 * as an independent check of FfmpegFrameSource (compare-with-libav.sh). Usage: vpdq_frames FILE MOD [W H] */
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
#include <libavutil/imgutils.h>
#include <stdio.h>
#include <stdlib.h>

static AVCodecContext *dec; static struct SwsContext *sws; static int W, H, MOD; static uint8_t *dst[4]; static int dstls[4];
static long counter = 0;

static void drain(AVFrame *f) {
  while (avcodec_receive_frame(dec, f) >= 0) {
    long n = counter++;
    if (n % MOD == 0) {
      sws_scale(sws, (const uint8_t * const *)f->data, f->linesize, 0, dec->height, dst, dstls);
      for (int y = 0; y < H; y++) fwrite(dst[0] + (size_t)y * dstls[0], 1, (size_t)W * 3, stdout);
    }
  }
}

int main(int argc, char **argv) {
  AVFormatContext *fmt = NULL;
  if (avformat_open_input(&fmt, argv[1], NULL, NULL) != 0 || avformat_find_stream_info(fmt, NULL) < 0) return 2;
  int vs = -1;
  for (unsigned i = 0; i < fmt->nb_streams; i++) if (fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) { vs = i; break; }
  if (vs < 0) return 3;
  const AVCodec *codec = avcodec_find_decoder(fmt->streams[vs]->codecpar->codec_id);
  dec = avcodec_alloc_context3(codec);
  avcodec_parameters_to_context(dec, fmt->streams[vs]->codecpar);
  dec->thread_count = 0;
  if (codec->capabilities & AV_CODEC_CAP_SLICE_THREADS) dec->thread_type = FF_THREAD_SLICE; else dec->thread_count = 1;
  if (avcodec_open2(dec, codec, NULL) < 0) return 4;
  MOD = atoi(argv[2]);
  W = argc > 4 ? atoi(argv[3]) : fmt->streams[vs]->codecpar->width;
  H = argc > 4 ? atoi(argv[4]) : fmt->streams[vs]->codecpar->height;
  sws = sws_getContext(dec->width, dec->height, dec->pix_fmt, W, H, AV_PIX_FMT_RGB24, SWS_AREA, NULL, NULL, NULL);
  if (!sws) return 5;
  av_image_alloc(dst, dstls, W, H, AV_PIX_FMT_RGB24, 32);
  AVPacket *pkt = av_packet_alloc(); AVFrame *f = av_frame_alloc();
  while (av_read_frame(fmt, pkt) == 0) {
    if (pkt->stream_index == vs) { if (avcodec_send_packet(dec, pkt) < 0) return 6; drain(f); }
    av_packet_unref(pkt);
  }
  avcodec_send_packet(dec, NULL); drain(f);
  fprintf(stderr, "frames decoded: %ld\n", counter);
  return 0;
}
